package dev.dgraphsync.observe;

import dev.dgraphsync.mapping.EntityCatalog;
import io.micrometer.core.instrument.Counter;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which jobs are counted from the start: every one on a timer of ours, but an entity its file leaves out. */
class RunMetricsTest {

    @TempDir
    Path entities;

    @Test
    void everyJobOnATimerIsCountedAtZeroFromTheStartButADisabledEntity() throws Exception {
        Files.copy(Path.of("config/entities/category.yaml"), entities.resolve("category.yaml"));
        Files.writeString(entities.resolve("user.yaml"),
                Files.readString(Path.of("config/entities/user.yaml")) + "\nenabled: false\n");
        EntityCatalog catalog = new EntityCatalog();
        catalog.setDirectory(entities.toString());
        catalog.load();
        RunMetrics metrics = new RunMetrics();
        Meters meters = new Meters();
        metrics.setMeters(meters);
        metrics.setCatalog(catalog);

        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String job : new String[] {"category", "user", "schema_metadata"}) {
                        from("quartz:dgraph-sync/" + job + "?cron=0+0+0+1+1+?+2099").routeId(job).to("log:" + job);
                    }
                    from("quartz:dgraph-sync-verify/verify?cron=0+0+0+1+1+?+2099").routeId("verify").to("log:verify");
                }
            });
            context.start();
            metrics.onContextStarted(context);
        }

        assertThat(failures(meters, "category")).isNotNull().extracting(Counter::count).isEqualTo(0.0);
        assertThat(failures(meters, "schema_metadata")).isNotNull();
        assertThat(failures(meters, "user")).as("enabled: false").isNull();
        assertThat(failures(meters, "verify")).as("not a run of ours").isNull();
    }

    private static Counter failures(Meters meters, String job) {
        return meters.registry().find("dgraph.sync.run.failures").tag("entity", job).counter();
    }
}
