package dev.dgraphsync.run;

import dev.dgraphsync.source.DgraphRefusedException;
import dev.dgraphsync.source.DgraphUnavailableException;
import dev.dgraphsync.warehouse.WarehouseUnavailableException;
import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.source.DgraphRetries;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code dgraph-sync-errors} route configuration of routes/error-handling.camel.yaml, as shipped: Dgraph being
 * unavailable is retried; anything else fails the run at the first try, even when an I/O error is among its causes.
 * One Camel context serves every case.
 */
class RunFailureRouteTest {

    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final AtomicReference<Exception> FAILED_WITH = new AtomicReference<>();
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void shippedErrorHandlingAroundAFailingStep() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("runFailure", (Processor) exchange ->
                FAILED_WITH.set(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
        DgraphRetries retryPolicy = new DgraphRetries();
        retryPolicy.setSettings(SyncSettings.of(Map.of("dgraph.retry.max-retries", "2",
                "dgraph.retry.initial-delay-ms", "1", "dgraph.retry.max-delay-ms", "5")));
        camel.getRegistry().bind("dgraphRetries", retryPolicy);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/error-handling.camel.yaml"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:step").routeConfigurationId("dgraph-sync-errors")
                        .process(exchange -> {
                            TRIES.incrementAndGet();
                            throw exchange.getIn().getBody(Exception.class);
                        });
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @BeforeEach
    void nothingTriedYet() {
        TRIES.set(0);
        FAILED_WITH.set(null);
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
                Arguments.of("a warehouse whose socket closed (in our own wrapper)", 1, new WarehouseUnavailableException(
                        new SQLException("An I/O error occurred while sending to the backend", "08006", new EOFException()))));
    }

    @ParameterizedTest(name = "{0}: {1} tries")
    @MethodSource("failures")
    void onlyDgraphBeingUnavailableIsRetried(String failure, int expectedTries, Exception thrown) {
        template.sendBody("direct:step", thrown);

        assertThat(TRIES).as("tries").hasValue(expectedTries);
        assertThat(FAILED_WITH.get()).as("the run fails with what was thrown").isSameAs(thrown);
    }
}
