package dev.dgraphsync.run;

import dev.dgraphsync.source.DgraphRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.quartz.JobKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every route and bean of routes/ as shipped, in one Camel context, syncing into a new H2 warehouse in memory; in
 * place of Dgraph, the HTTP call of the {@code dgraph-request} route answers what {@code dgraph} says to the request
 * (the answer's sorting, retries and everything after the call are the shipped ones). The timers never fire by
 * themselves: a test runs a job with {@link #run}.
 */
final class ShippedRoutes implements AutoCloseable {

    /** Dgraph, as a test plays it: the JSON body answered to a request (the URL it went to, the JSON sent). */
    interface FakeDgraph {
        String answer(String url, String request) throws Exception;
    }

    private static final String NEVER = "0 0 0 1 1 ? 2099";

    final DefaultCamelContext camel = new DefaultCamelContext();

    private ShippedRoutes() {
    }

    static ShippedRoutes start(FakeDgraph dgraph, Map<String, String> settings) throws Exception {
        ShippedRoutes routes = new ShippedRoutes();
        Properties properties = new Properties();
        properties.putAll(Map.of(
                "warehouse.jdbc-url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "dgraph.sync.entities-dir", "config/entities",
                "dgraph.sync.schedule", NEVER, "dgraph.sync.schema-schedule", NEVER,
                "dgraph.sync.reconcile-schedule", NEVER,
                "dgraph.retry.initial-delay-ms", "1", "dgraph.retry.max-delay-ms", "5",
                "dgraph.sync.metrics-jmx", "false", "dgraph.url", "http://127.0.0.1:1"));
        properties.putAll(settings);
        routes.camel.getPropertiesComponent().setInitialProperties(properties);
        List<Resource> files = new ArrayList<>();
        try (Stream<Path> yaml = Files.list(Path.of("routes"))) {
            for (Path file : yaml.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                files.add(ResourceHelper.resolveMandatoryResource(routes.camel, "file:" + file));
            }
        }
        PluginHelper.getRoutesLoader(routes.camel).loadRoutes(files);
        AdviceWith.adviceWith(routes.camel, "dgraph-request", route -> route.weaveByType(ToDefinition.class)
                .selectFirst().replace().process(call(dgraph)));
        routes.camel.start();
        return routes;
    }

    /** In place of the HTTP call: the fake's answer as an HTTP 200 body (a failure it throws as no answer at all). */
    private static Processor call(FakeDgraph dgraph) {
        return exchange -> {
            String answer = dgraph.answer(exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class)
                    + exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class),
                    exchange.getProperty(DgraphRequest.BODY, String.class));
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setBody(answer);
        };
    }

    <T> T bean(String name, Class<T> type) {
        return camel.getRegistry().lookupByNameAndType(name, type);
    }

    /** Fires the job's timer once (an entity's name, {@code schema_metadata}, {@code reconcile-deletes}). */
    void run(String job) throws Exception {
        camel.getComponent("quartz", QuartzComponent.class).getScheduler().triggerJob(JobKey.jobKey(job, "dgraph-sync"));
    }

    /** A query on the warehouse: the first column of every row. */
    <T> List<T> query(String sql, Function<Object, T> as) throws Exception {
        List<T> values = new ArrayList<>();
        try (var c = bean("warehouse", dev.dgraphsync.warehouse.Warehouse.class).connect();
             var s = c.createStatement(); var r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(as.apply(r.getObject(1)));
            }
        }
        return values;
    }

    @Override
    public void close() {
        camel.stop();
    }
}
