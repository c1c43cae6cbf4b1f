package dev.dgraphsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dgraphsync.sample.SampleCatalogLoader;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Dgraph v25 for the end-to-end suite, started once per test JVM by {@code bin/dgraph-local} (the same script
 * the README's demo uses) on its own ports and data folder, and stopped when the suite ends.
 */
public final class RealDgraph implements BeforeAllCallback, ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final int PORT_OFFSET = Integer.parseInt(System.getenv().getOrDefault("DGRAPH_IT_PORT_OFFSET", "100"));
    static final String URL = "http://127.0.0.1:" + (8080 + PORT_OFFSET);
    static final Path HOME = Path.of("target/dgraph-it").toAbsolutePath();
    static final Path SCHEMA = Path.of("config/dgraph/schema.graphql").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static boolean started;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (RealDgraph.class) {
            if (!started) {
                script(SCHEMA, "start");
                started = true;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RealDgraph.class.getName(), this);
            }
        }
    }

    @Override
    public void close() throws Exception {
        script(SCHEMA, "stop");
    }

    /** Drops every node and loads {@code schema}: each test class starts from a known, empty graph. */
    static void reset(Path schema) throws Exception {
        script(schema, "reset");
    }

    /** An empty Dgraph with the project's schema, then the sample catalog of that many products. */
    static SampleCatalogLoader.Counts freshSample(int products) throws Exception {
        reset(SCHEMA);
        return loadSample(products);
    }

    static SampleCatalogLoader.Counts loadSample(int products) throws Exception {
        return new SampleCatalogLoader(URL, 42).load(products);
    }

    /** Stops the alpha and zero (for tests of a Dgraph that goes away), then starts them again. */
    static void stop() throws Exception {
        script(SCHEMA, "stop");
    }

    static void start() throws Exception {
        script(SCHEMA, "start");
    }

    /**
     * Starts the alpha again with change data capture to this sink ({@code kafka=HOST:PORT}, {@code file=DIR}; null:
     * none), data kept.
     */
    static void restartWithCdc(String sink) throws Exception {
        script(SCHEMA, "stop");
        script(SCHEMA, "start", sink == null ? Map.of() : Map.of("DGRAPH_CDC", sink));
    }

    /**
     * Starts the alpha again with change data capture to a file sink in this folder (emptied first; a file there as
     * the alpha starts is appended to); returns the sink file, {@code dir/sink.log}.
     */
    static Path restartWithCdcFile(Path dir) throws Exception {
        Path sink = java.nio.file.Files.createDirectories(dir.toAbsolutePath()).resolve("sink.log");
        java.nio.file.Files.write(sink, new byte[0]);
        restartWithCdc("file=" + sink.getParent());
        return sink;
    }

    /** A test that reads the alpha's file sink. */
    interface WithSink {
        void run(Path sink) throws Exception;
    }

    /**
     * Runs the test with the alpha writing change data capture to a file sink in this folder, and without after. The
     * sink holds only what changes from the test's start: an alpha whose CDC is turned on again first sends what changed
     * while it was off (at least the test's own load), which is let through and cut off before the test: once the sink
     * holds something and has not grown for longer than Dgraph's 10 s flush (or has stayed empty for 30 s).
     */
    static void withCdcFile(Path dir, WithSink test) throws Exception {
        Path sink = restartWithCdcFile(dir);
        long[] last = {-1, System.nanoTime()};
        org.awaitility.Awaitility.await("the alpha's earlier changes sent to the sink").atMost(java.time.Duration.ofMinutes(5))
                .pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                    long size = java.nio.file.Files.size(sink);
                    if (size != last[0]) {
                        last[0] = size;
                        last[1] = System.nanoTime();
                    }
                    long still = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - last[1]);
                    return still >= (size > 0 ? 12 : 30);
                });
        java.nio.file.Files.write(sink, new byte[0]);
        try {
            test.run(sink);
        } finally {
            restartWithCdc(null);
        }
    }

    /** The endpoint that reads a file sink, as the README gives it. */
    static String fileSinkEndpoint(Path sink) {
        return "stream:file?fileName=" + sink + "&scanStream=true&scanStreamDelay=100&retry=true";
    }

    /** Renames a product without touching {@code updatedAt}: only change data capture can see it. */
    static void renameWithoutStamp(String productId, String name) throws IOException, InterruptedException {
        graphql("mutation($id: [ID!], $name: String) { updateProduct(input: {filter: {id: $id}, set: {name: $name}})"
                + " { numUids } }", Map.of("id", java.util.List.of(productId), "name", name));
    }

    private static void script(Path schema, String command) throws Exception {
        script(schema, command, Map.of());
    }

    private static void script(Path schema, String command, Map<String, String> environment) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/dgraph-local", command).inheritIO();
        pb.environment().putAll(Map.of("DGRAPH_HOME", HOME.toString(), "DGRAPH_PORT_OFFSET",
                String.valueOf(PORT_OFFSET), "DGRAPH_SCHEMA", schema.toString()));
        pb.environment().remove("DGRAPH_CDC");
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("bin/dgraph-local " + command + " failed (see its output above)");
        }
    }

    /** A GraphQL request to the real Dgraph; fails the test on any error. */
    static JsonNode graphql(String query, Object variables) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        body.set("variables", JSON.valueToTree(variables == null ? Map.of() : variables));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(URL + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (answer.has("errors")) {
            throw new IllegalStateException("GraphQL errors: " + answer.get("errors"));
        }
        return answer.path("data");
    }

    /**
     * Replaces the GraphQL schema of the running Dgraph, data kept (a field left out stays in Dgraph's data but
     * leaves its type): what a team does when its schema changes under a running sync.
     */
    static void applySchema(String sdl) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(URL + "/admin/schema"))
                .POST(HttpRequest.BodyPublishers.ofString(sdl)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"Success\"")) {
            throw new IllegalStateException("schema refused: " + response.body());
        }
    }

    /** The project's GraphQL schema with one line taken out (like {@code "  updatedAt: DateTime! @search(by: [hour])"} of a type). */
    static String schemaWithout(String type, String field) throws IOException {
        StringBuilder sdl = new StringBuilder();
        String current = null;
        for (String line : java.nio.file.Files.readAllLines(SCHEMA)) {
            if (line.startsWith("type ")) {
                current = line.split("\\s+")[1];
            }
            if (!(type.equals(current) && line.trim().startsWith(field + ":"))) {
                sdl.append(line).append('\n');
            }
        }
        return sdl.toString();
    }

    /** Gives a product a description of over a million characters, emoji and right-to-left text among them. */
    static String setMegabyteDescription(String productId) throws IOException, InterruptedException {
        String big = "שלום 😀 café ".repeat(81_000);
        graphql("mutation($id: [ID!], $d: String, $now: DateTime) { updateProduct(input: {filter: {id: $id},"
                + " set: {description: $d, updatedAt: $now}}) { numUids } }",
                Map.of("id", java.util.List.of(productId), "d", big, "now", java.time.Instant.now().toString()));
        return big;
    }

    /**
     * A DQL mutation, committed at once: writes what GraphQL would refuse (a node without its required fields, a
     * predicate the GraphQL schema does not know).
     */
    static void dqlSet(String json) throws IOException, InterruptedException {
        mutate("set", json);
    }

    /** A DQL delete mutation: {@code [{"uid": "0x…"}]} deletes those nodes (every predicate of their type). */
    static void dqlDelete(String json) throws IOException, InterruptedException {
        mutate("delete", json);
    }

    private static void mutate(String kind, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(URL + "/mutate?commitNow=true"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"" + kind + "\": " + json + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200 || answer.has("errors")) {
            throw new IllegalStateException("DQL mutation refused: " + response.body());
        }
    }
}
