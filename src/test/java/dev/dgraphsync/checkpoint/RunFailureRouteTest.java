package dev.dgraphsync.checkpoint;

import dev.dgraphsync.RouteTestSupport;
import dev.dgraphsync.source.DgraphRefusedException;
import dev.dgraphsync.source.DgraphUnavailableException;
import dev.dgraphsync.warehouse.RowBatch;
import dev.dgraphsync.warehouse.WarehouseWriteException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code dgraph-sync-errors} route configuration of routes/error-handling.camel.yaml, as shipped: Dgraph being
 * unavailable is retried; anything else fails the run at the first try, even when an I/O error is among its causes.
 */
class RunFailureRouteTest extends RouteTestSupport {

    private final AtomicInteger tries = new AtomicInteger();
    private final AtomicReference<Exception> failedWith = new AtomicReference<>();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("failRun", (org.apache.camel.Processor) exchange ->
                failedWith.set(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
    }

    @Override
    protected void doPostSetup() throws Exception {
        Properties retries = new Properties();
        retries.setProperty("dgraph.retry.max-retries", "2");
        retries.setProperty("dgraph.retry.initial-delay-ms", "1");
        retries.setProperty("dgraph.retry.backoff-multiplier", "2");
        retries.setProperty("dgraph.retry.max-delay-ms", "5");
        context.getPropertiesComponent().setOverrideProperties(retries);
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "file:routes/error-handling.camel.yaml"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:step").routeConfigurationId("dgraph-sync-errors")
                        .process(exchange -> {
                            tries.incrementAndGet();
                            throw exchange.getIn().getBody(Exception.class);
                        });
            }
        });
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("Dgraph unavailable (no answer)", 3,
                        new DgraphUnavailableException("no answer from Dgraph", new ConnectException("Connection refused"))),
                Arguments.of("Dgraph unavailable (HTTP 503)", 3, new DgraphUnavailableException("HTTP 503 from Dgraph")),
                Arguments.of("a certificate nobody trusts", 1,
                        new DgraphRefusedException("no answer from Dgraph", new SSLHandshakeException("PKIX path building failed"))),
                Arguments.of("HTTP 401", 1, new DgraphRefusedException("HTTP 401 from Dgraph")),
                Arguments.of("a warehouse whose socket closed (raw driver error)", 1,
                        new SQLException("An I/O error occurred while sending to the backend", "08006", new EOFException())),
                Arguments.of("a warehouse whose socket closed (in our own wrapper)", 1, new WarehouseWriteException(
                        "product", new RowBatch(new SyncRun("product", null, null, 100, 500)),
                        new SQLException("An I/O error occurred while sending to the backend", "08006", new EOFException()))));
    }

    @ParameterizedTest(name = "{0}: {1} tries")
    @MethodSource("failures")
    void onlyDgraphBeingUnavailableIsRetried(String failure, int expectedTries, Exception thrown) {
        template.sendBody("direct:step", thrown);

        assertThat(tries).as("tries").hasValue(expectedTries);
        assertThat(failedWith.get()).as("the run fails with what was thrown").isSameAs(thrown);
    }
}
