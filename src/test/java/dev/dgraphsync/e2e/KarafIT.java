package dev.dgraphsync.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Karaf feature in a real Apache Karaf 4.4.8 with camel-karaf 4.14.5 (Camel 4.14.1), unpacked and started by
 * {@code bin/karaf-local}: {@code feature:install dgraph-sync} syncs the real Dgraph's sample catalog into the H2
 * warehouse the feature ships (a pax-jdbc DataSource), on the Quartz schedule set in {@code etc/dev.dgraphsync.cfg};
 * the warehouse is read through Karaf's own {@code jdbc:query}.
 *
 * <p>The class installs the feature once and waits for its first scheduled runs to copy every product; each test
 * starts from there, in any order. The one that changes a product in Dgraph changes only its name, which no other
 * test reads.
 */
@ExtendWith(RealDgraph.class)
class KarafIT {

    private static final int PRODUCTS = 60;
    private static final KarafLocal KARAF = new KarafLocal(Path.of("target/karaf-it"), RealDgraph.PORT_OFFSET);
    private static final Path HOME = KARAF.home;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    /** The alpha's change data capture, to a file that Karaf's route reads (camel-stream, from the feature). */
    private static final Path SINK = Path.of("target/karaf-it-cdc/sink.log").toAbsolutePath();

    @BeforeAll
    static void karafWithTheFeatureInstalledAndEveryProductSynced() throws Exception {
        RealDgraph.restartWithCdcFile(SINK.getParent());
        RealDgraph.freshSample(PRODUCTS);
        KARAF.installFresh();
        // Settings before the feature: its own configuration does not override them.
        Path etc = Files.createDirectories(HOME.resolve("karaf/etc"));
        Files.writeString(etc.resolve("dev.dgraphsync.cfg"), String.join("\n",
                "dgraph.url = " + RealDgraph.URL,
                "dgraph.sync.schedule = 0/5 * * * * ?",
                "dgraph.cdc.endpoint = " + RealDgraph.fileSinkEndpoint(SINK),
                ""), StandardCharsets.UTF_8);
        script("start");
        script("deploy");
        awaitTrue("every product in the warehouse",
                () -> count("SELECT COUNT(*) FROM product WHERE NOT is_deleted") == PRODUCTS);
    }

    @AfterAll
    static void stopKaraf() throws Exception {
        script("stop");
        RealDgraph.restartWithCdc(null);
    }

    /**
     * A rename that leaves {@code updatedAt} alone, which no scheduled run can see, arrives through the alpha's change
     * data capture: camel-stream and the CDC route run in Karaf as on the command line.
     */
    @Test
    void aRenameThatLeavesUpdatedAtAloneArrivesThroughChangeDataCapture() throws Exception {
        String id = firstMatch(sql("SELECT MAX(product_id) AS id FROM product"), "0x[0-9a-f]+");
        String name = "Renamed through CDC " + Instant.now().getEpochSecond();
        RealDgraph.renameWithoutStamp(id, name);

        awaitTrue("the new name in the warehouse", () -> count("SELECT COUNT(*) FROM product WHERE product_id = '"
                + id + "' AND name = '" + name + "'") == 1);
        assertThat(count("SELECT COUNT(*) FROM sync_cdc WHERE commit_ts > 0")).isEqualTo(1);
    }

    @Test
    void theScheduledRunsCopyEveryProductAndEdgeIntoTheWarehouseDataSource() throws Exception {
        SourceCatalog source = SourceCatalog.read();
        Map<String, Long> expected = source.edgeIds().stream()
                .collect(Collectors.groupingBy(id -> id.replaceAll("^0x[0-9a-f]+_(.+)_0x[0-9a-f]+$", "$1"),
                        TreeMap::new, Collectors.counting()));
        awaitTrue("every edge in the warehouse",
                () -> count("SELECT COUNT(*) FROM relationship WHERE NOT is_deleted") == source.edges.size());

        assertThat(edgeCountsByType()).isEqualTo(expected);
        assertThat(count("SELECT COUNT(*) FROM product WHERE NOT is_deleted")).isEqualTo(source.products.size());
        assertThat(count("SELECT COUNT(*) FROM category WHERE NOT is_deleted")).isEqualTo(source.categories.size());
        assertThat(count("SELECT COUNT(*) FROM review WHERE NOT is_deleted")).isEqualTo(source.reviews.size());
        assertThat(count("SELECT COUNT(*) FROM sync_run WHERE status IN ('FAILED', 'FENCED')")).as("(a run the bundle's restart"
                + " stopped ends STOPPED)").isZero();
    }

    @Test
    void aProductChangedInDgraphIsPickedUpByTheNextScheduledRun() throws Exception {
        String id = firstMatch(sql("SELECT MIN(product_id) AS id FROM product"), "0x[0-9a-f]+");
        String name = "Renamed in Karaf " + Instant.now().getEpochSecond();
        RealDgraph.graphql("mutation($id: [ID!], $name: String, $now: DateTime) { updateProduct(input: {filter:"
                + " {id: $id}, set: {name: $name, updatedAt: $now}}) { numUids } }",
                Map.of("id", List.of(id), "name", name, "now", Instant.now().toString()));

        awaitTrue("the new name in the warehouse", () -> count("SELECT COUNT(*) FROM product WHERE product_id = '"
                + id + "' AND name = '" + name + "'") == 1);
    }

    @Test
    void camelRouteListShowsTheSyncRoutes() throws Exception {
        // (awaited: another test may restart the bundle)
        awaitEveryRouteStarted();
    }

    /**
     * The start-up checks run in Karaf as on the command line: an entity file that no longer fits Dgraph's schema
     * stops the bundle's start with one line naming the file and what is wrong; put back, the bundle starts again.
     */
    @Test
    void anEntityFileThatNoLongerFitsDgraphsSchemaStopsTheStartNamingTheFile() throws Exception {
        Path review = HOME.resolve("karaf/etc/dgraph-sync/entities/review.yaml");
        Path log = HOME.resolve("karaf/data/log/karaf.log");
        String fits = Files.readString(review);
        assertThat(fits).contains("\ncursor: createdAt");
        try {
            Files.writeString(review, fits.replace("\ncursor: createdAt", "\ncursor: modifiedAt"));
            karaf("bundle:restart dev.dgraphsync");
            awaitTrue("the start refused", () -> Files.readAllLines(log).stream().anyMatch(line -> line.contains(
                    "dgraph-sync did not start: ") && line.contains("review.yaml: cursor: 'modifiedAt' is not a field of"
                    + " Review; its indexed DateTime fields: createdAt, updatedAt")));
        } finally {
            Files.writeString(review, fits);
            karaf("bundle:restart dev.dgraphsync");
        }
        awaitEveryRouteStarted();
    }

    private static void awaitEveryRouteStarted() {
        List<String> shipped = List.of("sync-product", "sync-category", "sync-attribute", "sync-user", "sync-review",
                "sync-schema-metadata", "reconcile-deletes", "dgraph-request", "warehouse-batch", "cdc-changes");
        awaitTrue("every route listed as started", () -> {
            String routes = karaf("camel:route-list");
            return shipped.stream().allMatch(route -> Pattern.compile("dgraph-sync\\s*\\|\\s*" + route
                    + "\\s*\\|\\s*Started").matcher(routes).find());
        });
    }

    /**
     * An entity file in etc/ gains a column; after {@code bundle:restart} the entity's next scheduled run reads every
     * node again, so the column is filled for the rows already synced (no other test reads it).
     */
    @Test
    void aColumnAddedToAnEntityFileIsFilledForEveryRowAfterTheBundleRestarts() throws Exception {
        Path user = HOME.resolve("karaf/etc/dgraph-sync/entities/user.yaml");
        List<String> lines = new ArrayList<>(Files.readAllLines(user));
        lines.add(lines.indexOf("columns:") + 1, "  - { name: contact_email, field: email, type: TEXT }");
        Files.write(user, lines);
        karaf("bundle:restart dev.dgraphsync");

        long withEmail = count("SELECT COUNT(*) FROM app_user WHERE email IS NOT NULL");
        assertThat(withEmail).isPositive();
        awaitTrue("every user's contact_email", () -> count("SELECT COUNT(*) FROM app_user WHERE contact_email"
                + " = email") == withEmail);
    }

    /** relationship_type → active edges in the warehouse. */
    private static Map<String, Long> edgeCountsByType() throws Exception {
        String out = sql("SELECT relationship_type || '=' || COUNT(*) AS c FROM relationship WHERE NOT is_deleted"
                + " GROUP BY relationship_type");
        Map<String, Long> counts = new TreeMap<>();
        Matcher m = Pattern.compile("([A-Z_]+)=(\\d+)").matcher(out);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    /** The one number a COUNT query answers, through Karaf's jdbc:query on the feature's DataSource. */
    private static long count(String sql) {
        return KARAF.count(sql);
    }

    private static String firstMatch(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("%s in: %s", regex, out).isTrue();
        return m.group();
    }

    private static void awaitTrue(String what, Callable<Boolean> condition) {
        await(what + " (see " + HOME + "/karaf/data/log/karaf.log)").atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(condition);
    }

    private static String sql(String query) throws Exception {
        return KARAF.sql(query);
    }

    private static String karaf(String... commands) throws Exception {
        return KARAF.client(commands);
    }

    private static void script(String command) throws Exception {
        KARAF.script(command);
    }
}
