package dev.dgraphsync.run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The shipped {@code cdc-changes} route, fed file-sink lines by hand through a {@code direct:} endpoint (the real
 * sources are the end-to-end suite's): the nodes a window touched are requested per entity together with the position,
 * what is already applied is skipped, and the entities' jobs fire at once.
 */
class CdcChangesRouteTest {

    private ShippedRoutes routes;

    @AfterEach
    void stop() {
        if (routes != null) {
            routes.close();
        }
    }

    private static String line(long commitTs, long uid, String attr) {
        return "{ \"key\": \"0\", \"value\": {\"meta\":{\"commit_ts\":" + commitTs + "},\"type\":\"mutation\",\"event\":"
                + "{\"operation\":\"set\",\"uid\":" + uid + ",\"attr\":\"" + attr + "\",\"value\":\"x\",\"value_type\":\"string\"}}}";
    }

    @Test
    void aWindowOfChangesIsRequestedPerEntityWithItsPositionAndTheirJobsFire() throws Exception {
        routes = ShippedRoutes.start(CdcChangesRouteTest::noDgraph, Map.of("dgraph.cdc.endpoint", "direct:dgraph-cdc",
                "dgraph.cdc.window-ms", "100"));
        var producer = routes.camel.createProducerTemplate();
        producer.sendBody("direct:dgraph-cdc", line(10, 42, "Product.name"));
        producer.sendBody("direct:dgraph-cdc", line(10, 42, "Product.price"));
        producer.sendBody("direct:dgraph-cdc", line(11, 48, "Review.comment"));
        producer.sendBody("direct:dgraph-cdc", line(11, 49, "Order.total"));

        await("the window applied").atMost(Duration.ofSeconds(30)).until(() -> routes.query(
                "SELECT commit_ts FROM sync_cdc", v -> ((Number) v).longValue()).contains(11L));
        assertThat(routes.query("SELECT repair_id FROM sync_repair ORDER BY repair_id", String::valueOf))
                .containsExactly("product/0x2a", "review/0x30");
        assertThat(routes.query("SELECT COUNT(*) FROM sync_repair WHERE changed_at IS NULL", v -> ((Number) v).intValue()))
                .containsExactly(0);
        // Both runs fired (and failed here, with no Dgraph to read: the requests wait for the next).
        await("the product and review runs").atMost(Duration.ofSeconds(30)).until(() -> routes.query(
                "SELECT DISTINCT entity FROM sync_run ORDER BY entity", String::valueOf).equals(List.of("product", "review")));

        // A commit already applied is skipped: no request, the position stays.
        producer.sendBody("direct:dgraph-cdc", line(9, 77, "Product.name"));
        producer.sendBody("direct:dgraph-cdc", line(12, 50, "User.username"));
        await("the next window").atMost(Duration.ofSeconds(30)).until(() -> routes.query(
                "SELECT commit_ts FROM sync_cdc", v -> ((Number) v).longValue()).contains(12L));
        assertThat(routes.query("SELECT repair_id FROM sync_repair ORDER BY repair_id", String::valueOf))
                .containsExactly("product/0x2a", "review/0x30", "user/0x32");
    }

    @Test
    void anEndpointCamelCannotMakeStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> routes = ShippedRoutes.start(CdcChangesRouteTest::noDgraph,
                Map.of("dgraph.cdc.endpoint", "no-such-component:dgraph-cdc")))
                .hasStackTraceContaining("dgraph.cdc.endpoint").hasStackTraceContaining("no-such-component");
    }

    private static String noDgraph(String url, String request) throws IOException {
        throw new IOException("no Dgraph in this test");
    }
}
