package dev.dgraphsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark's measuring pieces, each printed as {@code key=value} lines for bench/run to collect. None of them
 * is part of the connector: they are the yardsticks it is held against.
 * <ul>
 * <li>{@code source URL}: the source ceiling, the fastest plain read of every node and edge id of the catalog (DQL,
 * explicit predicates, {@code after} pages of 10,000, the five types in parallel, nothing written);</li>
 * <li>{@code sink WAREHOUSE_JDBC_URL TARGET_JDBC_URL}: the sink ceiling, the same rows and edges (read from a synced
 * warehouse first, not timed) written with plain JDBC batches into an empty H2;</li>
 * <li>{@code spec URL TARGET_JDBC_URL}: the spec's strategy (its Python example, redone here): GraphQL offset pages
 * of 100 and one upsert per row, a commit every 500;</li>
 * <li>{@code change URL PERCENT}: changes that share of the products (price and updatedAt), the same products each
 * time, for the incremental runs;</li>
 * <li>{@code runs WAREHOUSE_JDBC_URL SINCE}: each job's last run started since that instant (ISO-8601), as
 * {@code sync_run} records it, in seconds: a job the command left out has none.</li>
 * </ul>
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** The sample catalog's types: scalar predicates and edge predicates, as the entity YAML reads them. */
    private static final Map<String, String[][]> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("Category", new String[][]{{"name", "description", "createdAt", "updatedAt"}, {"parentCategory"}});
        TYPES.put("Attribute", new String[][]{{"name", "value", "unit", "createdAt", "updatedAt"}, {}});
        TYPES.put("User", new String[][]{{"username", "email", "createdAt", "updatedAt"}, {}});
        TYPES.put("Product", new String[][]{{"sku", "name", "description", "price", "inStock", "createdAt", "updatedAt"},
                {"category", "attributes", "relatedProducts"}});
        TYPES.put("Review", new String[][]{{"rating", "comment", "createdAt"}, {"product", "author"}});
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "source" -> source(args[1]);
            case "sink" -> sink(args[1], args[2]);
            case "spec" -> spec(args[1], args[2]);
            case "change" -> change(args[1], Double.parseDouble(args[2]));
            case "runs" -> runs(args[1], OffsetDateTime.parse(args[2]));
            default -> throw new IllegalArgumentException("unknown: " + args[0]);
        }
    }

    private static void source(String url) throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(TYPES.size());
        List<Future<long[]>> reads = new ArrayList<>();
        for (String type : TYPES.keySet()) {
            reads.add(pool.submit(() -> readAll(url, type)));
        }
        long nodes = 0;
        long edges = 0;
        for (Future<long[]> read : reads) {
            nodes += read.get()[0];
            edges += read.get()[1];
        }
        pool.shutdown();
        print("seconds", seconds(started));
        print("nodes", nodes);
        print("edges", edges);
    }

    private static long[] readAll(String url, String type) throws Exception {
        String[][] fields = TYPES.get(type);
        StringBuilder select = new StringBuilder("uid");
        for (String f : fields[0]) {
            select.append(' ').append(type).append('.').append(f);
        }
        for (String f : fields[1]) {
            select.append(' ').append(type).append('.').append(f).append(" { uid }");
        }
        long nodes = 0;
        long edges = 0;
        String after = null;
        while (true) {
            String query = "{ page(func: type(" + type + "), first: 10000" + (after == null ? "" : ", after: " + after)
                    + ") { " + select + " } }";
            JsonNode page = post(url + "/query", "application/dql", query).path("data").path("page");
            for (JsonNode node : page) {
                nodes++;
                after = node.get("uid").asText();
                for (String f : fields[1]) {
                    JsonNode linked = node.get(type + "." + f);
                    edges += linked == null ? 0 : linked.isArray() ? linked.size() : 1;
                }
            }
            if (page.size() < 10000) {
                return new long[]{nodes, edges};
            }
        }
    }

    /**
     * The sink ceiling: the rows and edges of a synced warehouse written again, plain batch INSERTs of 10,000 a commit,
     * into an empty H2 with primary keys only. Rows are read 10,000 at a time (so 1M products fit the bench's heap) and
     * only their writing is timed.
     */
    private static void sink(String from, String to) throws Exception {
        long[] rowsAndNanos = new long[2];
        try (Connection source = DriverManager.getConnection(from, "sa", "");
             Connection target = DriverManager.getConnection(to, "sa", "")) {
            target.setAutoCommit(false);
            for (String table : List.of("category", "attribute", "app_user", "product", "review", "relationship")) {
                try (Statement s = source.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                    copy(table, r, target, rowsAndNanos);
                }
            }
        }
        print("seconds", format(rowsAndNanos[1]));
        print("rows", rowsAndNanos[0]);
    }

    /** Creates the table in the target and writes the rows into it; adds the rows and the nanoseconds spent writing. */
    private static void copy(String table, ResultSet rows, Connection target, long[] rowsAndNanos) throws Exception {
        ResultSetMetaData meta = rows.getMetaData();
        int width = meta.getColumnCount();
        List<String> names = new ArrayList<>();
        StringBuilder create = new StringBuilder("CREATE TABLE " + table + " (");
        for (int i = 1; i <= width; i++) {
            names.add(meta.getColumnName(i));
            create.append(i > 1 ? ", " : "").append(meta.getColumnName(i)).append(' ')
                    .append(meta.getColumnTypeName(i)).append(i == 1 ? " PRIMARY KEY" : "");
        }
        try (Statement s = target.createStatement()) {
            s.execute(create.append(')').toString());
        }
        target.commit();
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(width, "?")) + ")";
        try (PreparedStatement insert = target.prepareStatement(sql)) {
            List<Object[]> chunk = new ArrayList<>(10_000);
            boolean more = true;
            while (more) {
                chunk.clear();
                while (chunk.size() < 10_000 && (more = rows.next())) {
                    Object[] row = new Object[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = rows.getObject(i + 1);
                    }
                    chunk.add(row);
                }
                long started = System.nanoTime();
                for (Object[] row : chunk) {
                    for (int i = 0; i < width; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
                target.commit();
                rowsAndNanos[1] += System.nanoTime() - started;
                rowsAndNanos[0] += chunk.size();
            }
        }
    }

    /** The spec's example, redone: GraphQL, offset pages of 100, an upsert per row, a commit every 500 rows. */
    private static void spec(String url, String to) throws Exception {
        long started = System.nanoTime();
        long rows = 0;
        try (Connection target = DriverManager.getConnection(to, "sa", "")) {
            try (Statement s = target.createStatement()) {
                for (String type : TYPES.keySet()) {
                    s.execute("CREATE TABLE IF NOT EXISTS spec_" + type + " (id VARCHAR(200) PRIMARY KEY, data VARCHAR(1000000),"
                            + " synced_at TIMESTAMP WITH TIME ZONE)");
                }
                s.execute("CREATE TABLE IF NOT EXISTS spec_relationship (edge_id VARCHAR(200) PRIMARY KEY, source_id VARCHAR(200),"
                        + " target_id VARCHAR(200), relationship_type VARCHAR(200), synced_at TIMESTAMP WITH TIME ZONE)");
            }
            target.setAutoCommit(false);
            for (String type : TYPES.keySet()) {
                rows += specType(url, type, target);
            }
            target.commit();
        }
        print("seconds", seconds(started));
        print("rows", rows);
    }

    private static long specType(String url, String type, Connection target) throws Exception {
        String[][] fields = TYPES.get(type);
        StringBuilder select = new StringBuilder("id");
        for (String f : fields[0]) {
            select.append(' ').append(f);
        }
        for (String f : fields[1]) {
            select.append(' ').append(f).append(" { id }");
        }
        long rows = 0;
        try (PreparedStatement node = target.prepareStatement("MERGE INTO spec_" + type + " (id, data, synced_at) KEY (id) VALUES (?, ?, ?)");
             PreparedStatement edge = target.prepareStatement("MERGE INTO spec_relationship (edge_id, source_id, target_id,"
                     + " relationship_type, synced_at) KEY (edge_id) VALUES (?, ?, ?, ?, ?)")) {
            for (int offset = 0; ; offset += 100) {
                ObjectNode body = JSON.createObjectNode();
                body.put("query", "query { query" + type + "(first: 100, offset: " + offset + ", order: { asc: updatedAt }) { "
                        + select + " } }");
                JsonNode page = post(url + "/graphql", "application/json", body.toString()).path("data").path("query" + type);
                for (JsonNode record : page) {
                    String id = record.get("id").asText();
                    node.setString(1, id);
                    node.setString(2, record.toString());
                    node.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                    node.executeUpdate();
                    for (String f : fields[1]) {
                        JsonNode linked = record.get(f);
                        List<JsonNode> targets = new ArrayList<>();
                        if (linked != null && linked.isArray()) {
                            linked.forEach(targets::add);
                        } else if (linked != null && linked.isObject()) {
                            targets.add(linked);
                        }
                        for (JsonNode t : targets) {
                            edge.setString(1, id + "_" + f + "_" + t.get("id").asText());
                            edge.setString(2, id);
                            edge.setString(3, t.get("id").asText());
                            edge.setString(4, f);
                            edge.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
                            edge.executeUpdate();
                        }
                    }
                    if (++rows % 500 == 0) {
                        target.commit();
                    }
                }
                if (page.size() < 100) {
                    return rows;
                }
            }
        }
    }

    private static void change(String url, double percent) throws Exception {
        List<String> uids = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode page = post(url + "/query", "application/dql", "{ page(func: type(Product), first: 10000"
                    + (after == null ? "" : ", after: " + after) + ") { uid } }").path("data").path("page");
            page.forEach(n -> uids.add(n.get("uid").asText()));
            if (page.size() < 10000) {
                break;
            }
            after = uids.get(uids.size() - 1);
        }
        // The same products every time, with new values: a pass re-reads what changed within its lookback
        // (dgraph.sync.lookback-seconds), so changing other products each time would make each measured pass read
        // the earlier changes too (1%, then 2%, then 3%).
        int step = (int) Math.max(1, Math.round(100 / percent));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        StringBuilder nquads = new StringBuilder("{ set {\n");
        int changed = 0;
        for (int i = 0; i < uids.size(); i += step) {
            nquads.append('<').append(uids.get(i)).append("> <Product.price> \"")
                    .append(1 + (changed + now.toEpochSecond()) % 997).append(".5\"^^<xs:float> .\n");
            nquads.append('<').append(uids.get(i)).append("> <Product.updatedAt> \"").append(now.toString())
                    .append("\"^^<xs:dateTime> .\n");
            changed++;
        }
        JsonNode answer = post(url + "/mutate?commitNow=true", "application/rdf", nquads.append("} }").toString());
        if (answer.has("errors")) {
            throw new IllegalStateException(answer.toString());
        }
        print("changed", changed);
    }

    private static void runs(String warehouse, OffsetDateTime since) throws Exception {
        try (Connection c = DriverManager.getConnection(warehouse, "sa", "");
             PreparedStatement s = c.prepareStatement("SELECT entity, started_at, ended_at, rows_written,"
                     + " edges_written FROM sync_run r WHERE status = 'SUCCEEDED' AND started_at >= ? AND started_at ="
                     + " (SELECT MAX(started_at) FROM sync_run x WHERE x.entity = r.entity) ORDER BY entity")) {
            s.setObject(1, since);
            ResultSet r = s.executeQuery();
            while (r.next()) {
                double seconds = Duration.between(r.getObject(2, OffsetDateTime.class), r.getObject(3, OffsetDateTime.class))
                        .toMillis() / 1000.0;
                print("run." + r.getString(1), String.format(Locale.ROOT, "%.2f %d %d", seconds, r.getLong(4), r.getLong(5)));
            }
        }
    }

    private static JsonNode post(String url, String contentType, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + url + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String seconds(long startedNanos) {
        return format(System.nanoTime() - startedNanos);
    }

    private static String format(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
