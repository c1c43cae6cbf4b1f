package dev.dgraphsync.observe;

import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.run.PageCursor;
import dev.dgraphsync.run.RunHistory;
import dev.dgraphsync.run.SyncRun;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The freshness health check: DOWN, naming the entity, once it has gone too long without a successful run. */
class FreshnessHealthCheckTest {

    private final EntityCatalog catalog = new EntityCatalog();
    private final RunMetrics metrics = new RunMetrics();
    private final FreshnessHealthCheck check = new FreshnessHealthCheck();

    FreshnessHealthCheckTest() {
        catalog.setDirectory("config/entities");
        catalog.load();
        check.setMetrics(metrics);
        check.setCatalog(catalog);
    }

    @Test
    void upWhileEveryEntitySucceededLatelyAndDownNamingTheOneThatDidNot() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (EntitySpec entity : catalog.all()) {
            succeeded(entity, entity.name().equals("review") ? now.minus(Duration.ofMinutes(61)) : now);
        }

        HealthCheck.Result result = check.call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValue("not synced successfully for more than 60 minutes: review");

        succeeded(catalog.get("review"), now);
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void offWhenTheLimitIsZero() {
        OffsetDateTime dayAgo = OffsetDateTime.now(ZoneOffset.UTC).minus(Duration.ofDays(1));
        catalog.all().forEach(entity -> succeeded(entity, dayAgo));
        assertThat(check.call().getState()).as("a day without success, limit 60 minutes").isEqualTo(HealthCheck.State.DOWN);

        check.setSettings(SyncSettings.of(Map.of("dgraph.sync.health.max-staleness-minutes", "0")));
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    private void succeeded(EntitySpec entity, OffsetDateTime endedAt) {
        SyncRun run = new SyncRun(entity, PageCursor.initial(), 1000, 1000);
        metrics.ended(run, RunHistory.Status.SUCCEEDED, endedAt);
    }
}
