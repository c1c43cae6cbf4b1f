package dev.dgraphsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The CDC part of the benchmark (bench/cdc): how soon a change committed in Dgraph is committed in the warehouse by a
 * {@code bin/dgraph-sync run} that reads Dgraph's change data capture, beside how soon Dgraph itself makes the change's
 * event visible. Not part of the connector.
 * <ul>
 * <li>{@code measure SOURCE DGRAPH_URL WAREHOUSE_JDBC_URL USER PASSWORD RUN_PID SECONDS RATE DRAIN_SECONDS WORK
 * CATCH_UP_SECONDS}: first waits until {@code run} has applied every event the source holds (an alpha that starts
 * writing CDC for the first time writes its history first), then makes RATE changes a second for SECONDS against
 * Dgraph's GraphQL API (five kinds in turn: a rename without a new {@code updatedAt}, a change with one, a new
 * product, a delete, a product moved to another category without a new {@code updatedAt}), each to a product no
 * earlier change of this bench touched ({@code WORK/../touched} lists them across sources). SOURCE is
 * {@code kafka:BROKERS} or {@code file:PATH/sink.log}. Writes {@code WORK/measures} (key=value) and
 * {@code WORK/changes.csv};</li>
 * <li>{@code report FILE WORK PRODUCTS SECONDS RATE CODE SOURCE...}: the Markdown report of the sources measured under
 * {@code WORK/SOURCE}.</li>
 * </ul>
 * Times are wall-clock milliseconds of this JVM: a change counts from the moment its mutation returned (Dgraph has
 * committed it by then). Dgraph's own delay ends when this JVM first reads an event of the change's node from the
 * source; the warehouse's when a query of the warehouse first sees the change's row (a poll every
 * {@value #POLL_MS} ms, so a change is seen at most that much, plus the query, after its commit).
 */
public final class CdcBench {

    static final long POLL_MS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    enum Kind {
        RENAME("rename, no new updatedAt"), STAMP("update with a new updatedAt"), ADD("new product"),
        DELETE("delete"), MOVE("edge: another category, no new updatedAt");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** One change: what it does, and when it returned, became visible at the source and landed in the warehouse. */
    static final class Change {
        final int n;
        final Kind kind;
        final String name;
        final String category;
        volatile String uid;
        volatile long returned = -1;
        volatile long landed = -1;
        volatile String failure;

        Change(int n, Kind kind, String uid, String name, String category) {
            this.n = n;
            this.kind = kind;
            this.uid = uid;
            this.name = name;
            this.category = category;
        }

        boolean pending() {
            return returned >= 0 && landed < 0;
        }
    }

    private CdcBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "measure" -> measure(args);
            case "report" -> CdcReport.write(args);
            default -> throw new IllegalArgumentException("unknown: " + args[0]);
        }
        System.exit(0);  // the Kafka client's and the pools' threads
    }

    private static void measure(String[] a) throws Exception {
        String source = a[1];
        String dgraph = a[2];
        long pid = Long.parseLong(a[6]);
        int seconds = Integer.parseInt(a[7]);
        double rate = Double.parseDouble(a[8]);
        int drain = Integer.parseInt(a[9]);
        Path work = Path.of(a[10]);
        Path touched = work.getParent().resolve("touched");
        Properties out = new Properties();
        List<Change> changes = plan(dgraph, (int) Math.round(seconds * rate), touched);
        try (Connection warehouse = DriverManager.getConnection(a[3], a[4], a[5])) {
            CatchUp.await(source, warehouse, Duration.ofSeconds(Integer.parseInt(a[11])), out);
        }
        Map<String, Long> visible = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread observer = SourceObserver.start(source, visible, stop);
        HeapSampler heap = new HeapSampler(pid);
        heap.sample(0, true);
        long started = System.currentTimeMillis();
        heap.every(started, 5, 60);
        try (Connection warehouse = DriverManager.getConnection(a[3], a[4], a[5])) {
            WarehousePoller poller = new WarehousePoller(warehouse, changes);
            Thread polling = poller.start(stop);
            double achieved = generate(dgraph, changes, rate);
            long generated = System.currentTimeMillis();
            poller.awaitDrained(Duration.ofSeconds(drain));
            long drained = System.currentTimeMillis();
            stop.set(true);
            polling.join();
            heap.stop();
            heap.sample((drained - started) / 1000.0, true);
            out.setProperty("achieved_rate", String.format(Locale.ROOT, "%.1f", achieved));
            out.setProperty("generate_seconds", String.format(Locale.ROOT, "%.1f", (generated - started) / 1000.0));
            out.setProperty("drain_seconds", String.format(Locale.ROOT, "%.1f", (drained - generated) / 1000.0));
        }
        observer.join(10_000);
        results(changes, visible, out);
        heap.write(out);
        try (var w = Files.newBufferedWriter(work.resolve("measures"))) {
            out.store(w, "CdcBench measure " + source);
        }
        csv(changes, visible, work.resolve("changes.csv"));
        Files.write(touched, changes.stream().filter(c -> c.kind != Kind.ADD).map(c -> c.uid).toList(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        System.out.println("bench: " + out.getProperty("changes") + " changes, lost " + out.getProperty("lost")
                + ", warehouse p99 " + out.getProperty("warehouse.p99") + " ms, Dgraph p99 " + out.getProperty("dgraph.p99") + " ms");
    }

    /**
     * The changes, kinds in turn, each on a product no earlier change touched (taken from the catalog in a shuffled
     * order, so that they spread over the uid space), with the category a move or a new product goes to.
     */
    private static List<Change> plan(String dgraph, int count, Path touched) throws Exception {
        Set<String> used = Files.exists(touched) ? new HashSet<>(Files.readAllLines(touched)) : Set.of();
        List<String[]> products = new ArrayList<>();
        for (JsonNode p : readAll(dgraph, "Product", "uid Product.category { uid }")) {
            if (!used.contains(p.get("uid").asText())) {
                products.add(new String[]{p.get("uid").asText(), p.path("Product.category").path("uid").asText("")});
            }
        }
        List<String> categories = new ArrayList<>();
        readAll(dgraph, "Category", "uid").forEach(c -> categories.add(c.get("uid").asText()));
        Random random = new Random(42);
        Collections.shuffle(products, random);
        String tag = Long.toString(System.currentTimeMillis(), 36);
        List<Change> changes = new ArrayList<>();
        int next = 0;
        for (int n = 0; n < count; n++) {
            Kind kind = Kind.values()[n % Kind.values().length];
            String name = "cdcbench " + kind.name().toLowerCase(Locale.ROOT) + " " + tag + " " + n;
            if (kind == Kind.ADD) {
                changes.add(new Change(n, kind, null, name, categories.get(random.nextInt(categories.size()))));
                continue;
            }
            if (next == products.size()) {
                throw new IllegalStateException(count + " changes need more products than the " + products.size()
                        + " untouched ones: fewer changes (BENCH_CDC_SECONDS, BENCH_CDC_RATE) or more products");
            }
            String[] product = products.get(next++);
            String to = categories.get(random.nextInt(categories.size()));
            while (kind == Kind.MOVE && to.equals(product[1]) && categories.size() > 1) {
                to = categories.get(random.nextInt(categories.size()));
            }
            changes.add(new Change(n, kind, product[0], name, to));
        }
        return changes;
    }

    /** Every node of a type (DQL, pages of 10,000). */
    private static List<JsonNode> readAll(String dgraph, String type, String select) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode page = post(dgraph + "/query", "application/dql", "{ page(func: type(" + type + "), first: 10000"
                    + (after == null ? "" : ", after: " + after) + ") { " + select + " } }").path("data").path("page");
            page.forEach(nodes::add);
            if (page.size() < 10000) {
                return nodes;
            }
            after = nodes.get(nodes.size() - 1).get("uid").asText();
        }
    }

    /**
     * Makes the changes at a steady rate: change n is due at n / rate seconds from the start, and handed to one of a
     * few workers then, so that a slow mutation does not hold the next ones back. Returns the rate achieved.
     */
    private static double generate(String dgraph, List<Change> changes, double rate) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        for (Change change : changes) {
            long due = start + (long) (change.n * 1e9 / rate);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            workers.execute(() -> apply(dgraph, change));
        }
        workers.shutdown();
        if (!workers.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("mutations still running after 10 minutes");
        }
        return changes.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static void apply(String dgraph, Change c) {
        try {
            ObjectNode vars = JSON.createObjectNode();
            String id = "$id: [ID!]";
            String mutation = switch (c.kind) {
                case RENAME -> "mutation(" + id + ", $name: String) { updateProduct(input: {filter: {id: $id}, set:"
                        + " {name: $name}}) { numUids } }";
                case STAMP -> "mutation(" + id + ", $name: String, $price: Float, $now: DateTime) { updateProduct(input:"
                        + " {filter: {id: $id}, set: {name: $name, price: $price, updatedAt: $now}}) { numUids } }";
                case ADD -> "mutation($p: [AddProductInput!]!) { addProduct(input: $p) { product { id } } }";
                case DELETE -> "mutation(" + id + ") { deleteProduct(filter: {id: $id}) { numUids } }";
                case MOVE -> "mutation(" + id + ", $c: ID!) { updateProduct(input: {filter: {id: $id}, set: {category:"
                        + " {id: $c}}}) { numUids } }";
            };
            String now = Instant.now().toString();
            if (c.kind == Kind.ADD) {
                ObjectNode p = vars.putArray("p").addObject();
                p.put("sku", c.name.replace(' ', '-')).put("name", c.name).put("price", 1 + c.n % 500).put("inStock", true)
                        .put("createdAt", now).put("updatedAt", now).putObject("category").put("id", c.category);
            } else {
                vars.putArray("id").add(c.uid);
                vars.put("name", c.name).put("price", 1.5 + c.n % 500).put("now", now).put("c", c.category);
            }
            ObjectNode body = JSON.createObjectNode().put("query", mutation);
            body.set("variables", vars);
            JsonNode answer = post(dgraph + "/graphql", "application/json", body.toString());
            long returned = System.currentTimeMillis();
            if (answer.has("errors")) {
                throw new IllegalStateException(answer.get("errors").toString());
            }
            if (c.kind == Kind.ADD) {
                c.uid = answer.path("data").path("addProduct").path("product").path(0).path("id").asText();
            } else if (answer.findValue("numUids") == null || answer.findValue("numUids").asInt() != 1) {
                throw new IllegalStateException("not one node changed: " + answer);
            }
            c.returned = returned;
        } catch (Exception e) {
            c.failure = e.getMessage();
        }
    }

    /** The figures of the changes: per source and per kind, counted, lost, and their percentiles. */
    private static void results(List<Change> changes, Map<String, Long> visible, Properties out) {
        List<Change> made = changes.stream().filter(c -> c.returned >= 0).toList();
        out.setProperty("changes", Integer.toString(made.size()));
        out.setProperty("failed", Long.toString(changes.size() - made.size()));
        changes.stream().filter(c -> c.failure != null).findFirst()
                .ifPresent(c -> out.setProperty("first_failure", c.kind + ": " + c.failure));
        List<Change> lost = made.stream().filter(c -> c.landed < 0).toList();
        out.setProperty("lost", Integer.toString(lost.size()));
        out.setProperty("lost_kinds", lost.stream().collect(Collectors.groupingBy(c -> c.kind, Collectors.counting()))
                .toString());
        out.setProperty("lost_sample", lost.stream().limit(5).map(c -> c.kind + " " + c.uid).toList().toString());
        List<Long> seen = new ArrayList<>();
        made.stream().filter(c -> visible.containsKey(c.uid)).forEach(c -> seen.add(visible.get(c.uid) - c.returned));
        out.setProperty("dgraph.seen", Integer.toString(seen.size()));
        percentiles("dgraph", seen, out);
        percentiles("warehouse", made.stream().filter(c -> c.landed >= 0).map(c -> c.landed - c.returned).toList(), out);
        // ours alone: from the event's visibility to the warehouse (negative when a pass another event started wrote the
        // row before this change's own event came: a change that moved updatedAt, or a new product)
        percentiles("ours", made.stream().filter(c -> c.landed >= 0 && visible.containsKey(c.uid))
                .map(c -> c.landed - visible.get(c.uid)).toList(), out);
        for (Kind kind : Kind.values()) {
            List<Change> of = made.stream().filter(c -> c.kind == kind).toList();
            out.setProperty("kind." + kind + ".changes", Integer.toString(of.size()));
            percentiles("kind." + kind + ".warehouse", of.stream().filter(c -> c.landed >= 0)
                    .map(c -> c.landed - c.returned).toList(), out);
            percentiles("kind." + kind + ".dgraph", of.stream().filter(c -> visible.containsKey(c.uid))
                    .map(c -> visible.get(c.uid) - c.returned).toList(), out);
        }
    }

    /** p50, p99 and max in milliseconds (nearest rank), as NAME.p50 … */
    private static void percentiles(String name, Collection<Long> millis, Properties out) {
        if (millis.isEmpty()) {
            return;
        }
        List<Long> sorted = millis.stream().sorted().toList();
        Function<Double, Long> rank = p -> sorted.get((int) Math.max(0, Math.ceil(p * sorted.size()) - 1));
        out.setProperty(name + ".p50", Long.toString(rank.apply(0.50)));
        out.setProperty(name + ".p99", Long.toString(rank.apply(0.99)));
        out.setProperty(name + ".max", Long.toString(sorted.get(sorted.size() - 1)));
    }

    private static void csv(List<Change> changes, Map<String, Long> visible, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("n,kind,uid,returned_ms,visible_ms,landed_ms,failure");
            for (Change c : changes) {
                w.println(c.n + "," + c.kind + "," + c.uid + "," + c.returned + "," + visible.getOrDefault(c.uid, -1L)
                        + "," + c.landed + "," + (c.failure == null ? "" : "\"" + c.failure.replace('"', '\'') + "\""));
            }
        }
    }

    static JsonNode post(String url, String contentType, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + url + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Before the changes: the events the source already holds (an alpha whose CDC is turned on for the first time sends
     * the history of its data first, 28,804 events after a load of 2,000 products) applied by {@code run}. Done when the
     * source's last event has stayed the same for {@value #QUIET_MS} ms (longer than the file sink's 10 s flush), the
     * warehouse's position ({@code sync_cdc}) has reached it and no node waits in {@code sync_repair}.
     */
    static final class CatchUp {
        static final long QUIET_MS = 12_000;

        static void await(String source, Connection warehouse, Duration atMost, Properties out) throws Exception {
            long started = System.currentTimeMillis();
            long deadline = started + atMost.toMillis();
            long last = -1;
            long lastSince = started;
            while (System.currentTimeMillis() < deadline) {
                long latest = latestCommitTs(source);
                if (latest != last) {
                    last = latest;
                    lastSince = System.currentTimeMillis();
                }
                if (System.currentTimeMillis() - lastSince >= QUIET_MS && applied(warehouse) >= latest
                        && waiting(warehouse) == 0) {
                    out.setProperty("catch_up_seconds", String.format(Locale.ROOT, "%.1f",
                            (System.currentTimeMillis() - started - QUIET_MS) / 1000.0));
                    out.setProperty("catch_up_commit_ts", Long.toString(latest));
                    return;
                }
                LockSupport.parkNanos(1_000_000_000L);
            }
            out.setProperty("catch_up_seconds", "not done in " + atMost.toSeconds());
            System.err.println("bench: run had not applied the source's earlier events after " + atMost.toSeconds() + " s");
        }

        /** The commit_ts of the source's last event, 0 when it has none. */
        static long latestCommitTs(String source) throws Exception {
            String last = source.startsWith("kafka:") ? lastRecord(source.substring("kafka:".length()))
                    : lastLine(Path.of(source.substring("file:".length())));
            if (last == null) {
                return 0;
            }
            JsonNode event = JSON.readTree(last);
            if (event.has("value") && !event.has("meta")) {
                event = event.get("value");
            }
            return event.path("meta").path("commit_ts").asLong();
        }

        private static String lastRecord(String brokers) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
                TopicPartition partition = new TopicPartition("dgraph-cdc", 0);
                if (consumer.partitionsFor("dgraph-cdc").isEmpty()) {
                    return null;
                }
                consumer.assign(List.of(partition));
                long end = consumer.endOffsets(List.of(partition)).get(partition);
                if (end == 0) {
                    return null;
                }
                consumer.seek(partition, end - 1);
                long deadline = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.offset() == end - 1) {
                            return r.value();
                        }
                    }
                }
                throw new IllegalStateException("the last record of dgraph-cdc (offset " + (end - 1) + ") did not come");
            }
        }

        /** The file's last complete line. */
        private static String lastLine(Path file) throws IOException {
            if (!Files.exists(file)) {
                return null;
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long from = Math.max(0, f.length() - 65_536);
                byte[] tail = new byte[(int) (f.length() - from)];
                f.seek(from);
                f.readFully(tail);
                String text = new String(tail, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                if (end < 0) {
                    return null;
                }
                return text.substring(text.lastIndexOf('\n', end - 1) + 1, end);
            }
        }

        private static long applied(Connection warehouse) throws Exception {
            try (var s = warehouse.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(commit_ts) FROM sync_cdc")) {
                return r.next() ? r.getLong(1) : 0;
            }
        }

        private static long waiting(Connection warehouse) throws Exception {
            try (var s = warehouse.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sync_repair")) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /**
     * Reads Dgraph's CDC events as they become visible, from the end the source had when it started, and notes when
     * each node's first event was read.
     */
    static final class SourceObserver {

        static Thread start(String source, Map<String, Long> visible, AtomicBoolean stop) throws Exception {
            CountDownLatch ready = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try {
                    if (source.startsWith("kafka:")) {
                        kafka(source.substring("kafka:".length()), visible, stop, ready);
                    } else {
                        file(Path.of(source.substring("file:".length())), visible, stop, ready);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "cdc-observer");
            t.setDaemon(true);
            t.start();
            if (!ready.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the CDC source " + source + " was not ready within 2 minutes");
            }
            return t;
        }

        private static void kafka(String brokers, Map<String, Long> visible, AtomicBoolean stop, CountDownLatch ready) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "cdc-bench-" + System.nanoTime());
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
                consumer.subscribe(List.of("dgraph-cdc"), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        partitions.forEach(consumer::position);  // the end, fixed now: nothing after it is missed
                        ready.countDown();
                    }

                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    }
                });
                while (!stop.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        seen(r.value(), visible, System.currentTimeMillis());
                    }
                }
            }
        }

        /**
         * Follows the alpha's sink file from its present end. The file gives no signal when it grows, so it is looked at
         * every 20 ms (the alpha flushes it every 10 s: the look adds at most 20 ms to a delay of seconds).
         */
        private static void file(Path sink, Map<String, Long> visible, AtomicBoolean stop, CountDownLatch ready)
                throws IOException {
            long position = Files.exists(sink) ? Files.size(sink) : 0;
            ready.countDown();
            StringBuilder partial = new StringBuilder();
            while (!stop.get()) {
                long size = Files.exists(sink) ? Files.size(sink) : 0;
                if (size < position) {
                    position = 0;  // replaced
                    partial.setLength(0);
                }
                if (size == position) {
                    LockSupport.parkNanos(20_000_000);
                    continue;
                }
                byte[] bytes = new byte[(int) Math.min(size - position, 16 << 20)];
                try (RandomAccessFile f = new RandomAccessFile(sink.toFile(), "r")) {
                    f.seek(position);
                    f.readFully(bytes);
                }
                position += bytes.length;
                long now = System.currentTimeMillis();
                partial.append(new String(bytes, StandardCharsets.UTF_8));
                int end;
                while ((end = partial.indexOf("\n")) >= 0) {
                    seen(partial.substring(0, end), visible, now);
                    partial.delete(0, end + 1);
                }
            }
        }

        /** An event (Kafka's value, or the sink file's line that wraps it in {@code value}): its node, first seen now. */
        private static void seen(String text, Map<String, Long> visible, long now) {
            try {
                JsonNode event = JSON.readTree(text);
                if (event.has("value") && !event.has("meta")) {
                    event = event.get("value").isTextual() ? JSON.readTree(event.get("value").asText()) : event.get("value");
                }
                JsonNode uid = event.path("event").path("uid");
                if (!uid.isMissingNode()) {
                    visible.putIfAbsent("0x" + Long.toHexString(uid.asLong()), now);
                }
            } catch (IOException e) {
                // not an event (a partial line of a file being replaced): nothing to note
            }
        }
    }

    /**
     * Looks at the warehouse every {@value CdcBench#POLL_MS} ms for the changes not landed yet: a change lands when its
     * product row (and, for a move, its live category edges) says what the change made.
     */
    static final class WarehousePoller {
        private final Connection warehouse;
        private final List<Change> changes;

        WarehousePoller(Connection warehouse, List<Change> changes) {
            this.warehouse = warehouse;
            this.changes = changes;
        }

        Thread start(AtomicBoolean stop) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long started = System.currentTimeMillis();
                        poll(started);
                        LockSupport.parkNanos(Math.max(0, POLL_MS - (System.currentTimeMillis() - started)) * 1_000_000);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "warehouse-poller");
            t.start();
            return t;
        }

        /** Waits until every change made landed, or the time is up (the rest are lost). */
        void awaitDrained(Duration atMost) {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (changes.stream().anyMatch(Change::pending) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(POLL_MS * 1_000_000);
            }
        }

        /** One look: the rows are read after {@code now}, so a change found has landed at or before it. */
        private void poll(long now) throws Exception {
            Map<String, Change> pending = new HashMap<>();
            changes.stream().filter(Change::pending).forEach(c -> pending.put(c.uid, c));
            if (pending.isEmpty()) {
                return;
            }
            Map<String, Set<String>> categories = liveCategories(pending.values().stream()
                    .filter(c -> c.kind == Kind.MOVE).map(c -> c.uid).toList());
            try (PreparedStatement s = warehouse.prepareStatement("SELECT product_id, name, is_deleted, category_id"
                    + " FROM product WHERE product_id = ANY(?)")) {
                s.setArray(1, array(pending.keySet()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Change c = pending.get(r.getString(1));
                        if (landed(c, r.getString(2), r.getBoolean(3), r.getString(4), categories.get(c.uid))) {
                            c.landed = now;
                        }
                    }
                }
            }
        }

        private static boolean landed(Change c, String name, boolean deleted, String category, Set<String> edges) {
            return switch (c.kind) {
                case RENAME, STAMP, ADD -> !deleted && c.name.equals(name);
                case DELETE -> deleted;
                case MOVE -> !deleted && c.category.equals(category) && Set.of(c.category).equals(edges);
            };
        }

        /** The targets of each product's live BELONGS_TO_CATEGORY edges. */
        private Map<String, Set<String>> liveCategories(List<String> products) throws Exception {
            Map<String, Set<String>> live = new HashMap<>();
            if (products.isEmpty()) {
                return live;
            }
            try (PreparedStatement s = warehouse.prepareStatement("SELECT source_id, target_id FROM relationship"
                    + " WHERE relationship_type = 'BELONGS_TO_CATEGORY' AND NOT is_deleted AND source_id = ANY(?)")) {
                s.setArray(1, array(products));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        live.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(r.getString(2));
                    }
                }
            }
            return live;
        }

        private Array array(Collection<String> values) throws Exception {
            return warehouse.createArrayOf("varchar", values.toArray());
        }
    }

    /**
     * The heap and RSS of the run's JVM: every few seconds its heap in use and committed ({@code jstat -gc}) and RSS
     * ({@code /proc/PID/status}); at the start, every minute and at the end also its live heap, after a full collection
     * asked for with {@code jcmd PID GC.run} (the serial collector's young collections leave promoted garbage in the old
     * generation, so only a full one shows what the run holds on to).
     */
    static final class HeapSampler {
        private final long pid;
        private final List<double[]> samples = Collections.synchronizedList(new ArrayList<>());
        private ScheduledExecutorService timer;

        HeapSampler(long pid) {
            this.pid = pid;
        }

        void every(long startedMillis, int seconds, int liveSeconds) {
            timer = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger ticks = new AtomicInteger();
            timer.scheduleAtFixedRate(() -> {
                int tick = ticks.incrementAndGet();
                sample((System.currentTimeMillis() - startedMillis) / 1000.0, tick * seconds % liveSeconds == 0);
            }, seconds, seconds, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(1, TimeUnit.MINUTES);
        }

        /** One sample: seconds, used MB, committed MB, RSS MB, live MB (-1: not measured). */
        void sample(double at, boolean live) {
            try {
                if (live) {
                    run("jcmd", Long.toString(pid), "GC.run");
                }
                Map<String, Double> gc = jstat();
                double used = (gc.get("S0U") + gc.get("S1U") + gc.get("EU") + gc.get("OU")) / 1024;
                double committed = (gc.get("S0C") + gc.get("S1C") + gc.get("EC") + gc.get("OC")) / 1024;
                samples.add(new double[]{at, used, committed, rssMb(), live ? used : -1});
            } catch (Exception e) {
                System.err.println("bench: no heap sample at " + at + " s: " + e.getMessage());
            }
        }

        private Map<String, Double> jstat() throws Exception {
            String[] lines = run("jstat", "-gc", Long.toString(pid)).trim().split("\n");
            String[] names = lines[0].trim().split("\\s+");
            String[] values = lines[lines.length - 1].trim().split("\\s+");
            Map<String, Double> gc = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                gc.put(names[i], values[i].equals("-") ? 0 : Double.parseDouble(values[i]));
            }
            return gc;
        }

        private double rssMb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return -1;
        }

        private static String run(String... command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + output.trim());
            }
            return output;
        }

        void write(Properties out) {
            synchronized (samples) {
                for (int i = 0; i < samples.size(); i++) {
                    double[] s = samples.get(i);
                    out.setProperty(String.format(Locale.ROOT, "heap.%03d", i), String.format(Locale.ROOT,
                            "%.0f %.1f %.1f %.1f %.1f", s[0], s[1], s[2], s[3], s[4]));
                }
            }
        }
    }

    /**
     * The Markdown report: {@code report FILE WORK PRODUCTS SECONDS RATE CODE SOURCE...}, from each source's
     * {@code WORK/SOURCE/measures} (this class's) and {@code WORK/SOURCE/run} (bench/cdc's: the full sync, verify).
     */
    static final class CdcReport {

        static void write(String[] a) throws Exception {
            Path work = Path.of(a[2]);
            StringBuilder md = new StringBuilder();
            md.append("# dgraph-sync CDC benchmark, ").append(java.time.LocalDate.now()).append("\n\n");
            md.append("Code: `").append(a[6]).append("`. Machine: ").append(machine()).append(".\n\n");
            md.append(String.format(Locale.ROOT, "%,d products; %s changes a second for %s s through Dgraph's GraphQL API"
                    + " (in turn: %s), each on a product no other change touched; `bin/dgraph-sync run` (JAVA_OPTS=-Xmx256m)"
                    + " on `dgraph.cdc.endpoint`, its schedules and the reconciliation never due, into PostgreSQL. Latency"
                    + " counts from the moment the mutation returned.%n%n", Long.parseLong(a[3]), a[5], a[4],
                    java.util.Arrays.stream(Kind.values()).map(k -> k.description).collect(Collectors.joining(", "))));
            md.append("| source | changes (rate) | Dgraph's own delay p50 / p99 / max | commit → warehouse p50 / p99 / max"
                    + " | target: p99 ≤ Dgraph's p99 + 2 s | event visible → warehouse p50 / p99 / max | lost | `verify` exit"
                    + " | live heap: start → end | RSS: start → end (peak) |\n|---|---|---|---|---|---|---|---|---|---|\n");
            List<String> details = new ArrayList<>();
            for (int i = 7; i < a.length; i++) {
                Properties m = load(work.resolve(a[i]));
                md.append(row(a[i], m)).append('\n');
                details.addAll(details(a[i], m));
            }
            md.append('\n');
            details.forEach(d -> md.append(d).append('\n'));
            md.append("\nEach kind of change:\n\n| source | kind | changes | Dgraph's own delay p50 / p99 / max"
                    + " | commit → warehouse p50 / p99 / max |\n|---|---|---|---|---|\n");
            for (int i = 7; i < a.length; i++) {
                Properties m = load(work.resolve(a[i]));
                for (Kind k : Kind.values()) {
                    md.append(String.join(" | ", "| " + a[i], k.description, m.getProperty("kind." + k + ".changes", "0"),
                            triple(m, "kind." + k + ".dgraph"), triple(m, "kind." + k + ".warehouse"))).append(" |\n");
                }
            }
            md.append("\nDgraph's own delay: from the mutation's return to the first event of its node read from the"
                    + " source by the bench (a Kafka consumer of its own from the topic's end; or the sink file followed"
                    + " from its end, looked at every 20 ms). Warehouse: from the mutation's return to the first look at"
                    + " the warehouse (every ").append(POLL_MS).append(" ms) whose product row, and for a move its live"
                    + " category edges, show the change. Event visible → warehouse: the two, change by change (negative"
                    + " when the entity's run that another event started wrote the row before the change's own event came:"
                    + " it reads what moved `updatedAt`, and new products). Live heap: in use right after a full collection"
                    + " (`jcmd GC.run`),"
                    + " at the start, every minute and after the last change landed. Lost: a change made that had not"
                    + " landed when the drain time was up. `verify` ran after `run` was stopped with SIGTERM.\n");
            Files.writeString(Path.of(a[1]), md);
            System.out.print(md);
        }

        private static Properties load(Path dir) throws IOException {
            Properties m = new Properties();
            for (String file : List.of("measures", "run")) {
                if (Files.exists(dir.resolve(file))) {
                    try (var r = Files.newBufferedReader(dir.resolve(file))) {
                        m.load(r);
                    }
                }
            }
            return m;
        }

        private static String row(String source, Properties m) {
            List<double[]> heap = heap(m);
            List<double[]> live = heap.stream().filter(s -> s[4] >= 0).toList();
            String target = "–";
            if (m.containsKey("dgraph.p99") && m.containsKey("warehouse.p99")) {
                long bound = Long.parseLong(m.getProperty("dgraph.p99")) + 2000;
                target = "≤ " + s(bound) + ": " + (Long.parseLong(m.getProperty("warehouse.p99")) <= bound ? "met" : "**not met**");
            }
            return String.join(" | ", "| " + source,
                    String.format(Locale.ROOT, "%,d (%s/s)", Long.parseLong(m.getProperty("changes", "0")), m.getProperty("achieved_rate")),
                    triple(m, "dgraph"), triple(m, "warehouse"), target, triple(m, "ours"), m.getProperty("lost", "?"),
                    m.getProperty("verify", "?"),
                    live.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f → %.0f MB (at most %.0f)", live.get(0)[4],
                            live.get(live.size() - 1)[4], live.stream().mapToDouble(s -> s[4]).max().orElse(0)),
                    heap.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f → %.0f MB (%.0f)", heap.get(0)[3],
                            heap.get(heap.size() - 1)[3], heap.stream().mapToDouble(s -> s[3]).max().orElse(0))) + " |";
        }

        private static List<String> details(String source, Properties m) {
            List<String> d = new ArrayList<>();
            d.add("- " + source + ": full `once` before `run` " + m.getProperty("once_seconds", "?") + " s; changes made in "
                    + m.getProperty("generate_seconds") + " s, the last landed " + m.getProperty("drain_seconds")
                    + " s after the last was made; `verify` " + m.getProperty("verify_seconds", "?") + " s; failed mutations "
                    + m.getProperty("failed") + (m.containsKey("first_failure") ? " (first: " + m.getProperty("first_failure")
                    + ")" : "") + "; events seen for " + m.getProperty("dgraph.seen") + " of " + m.getProperty("changes")
                    + " changes; before them, `run` had applied the source's earlier events (up to commit_ts "
                    + m.getProperty("catch_up_commit_ts", "?") + ") " + m.getProperty("catch_up_seconds", "?")
                    + " s after the bench began to wait for it; "
                    + m.getProperty("gaps", "?") + " `CDC gap` lines in its log"
                    + ("0".equals(m.getProperty("lost")) ? "" : "; lost by kind " + m.getProperty("lost_kinds")
                    + ", e.g. " + m.getProperty("lost_sample")));
            StringBuilder h = new StringBuilder("- " + source + ", heap of `run` (s: live after a full collection / in use"
                    + " / committed, RSS, MB): ");
            heap(m).stream().filter(s -> s[4] >= 0).forEach(s -> h.append(String.format(Locale.ROOT,
                    "%.0f s: %.0f / %.0f / %.0f, %.0f; ", s[0], s[4], s[1], s[2], s[3])));
            d.add(h + String.format(Locale.ROOT, "in use at most %.0f MB (sampled every 5 s)",
                    heap(m).stream().mapToDouble(s -> s[1]).max().orElse(0)));
            return d;
        }

        private static List<double[]> heap(Properties m) {
            return m.stringPropertyNames().stream().filter(k -> k.startsWith("heap.")).sorted()
                    .map(k -> java.util.Arrays.stream(m.getProperty(k).split(" ")).mapToDouble(Double::parseDouble).toArray())
                    .toList();
        }

        private static String triple(Properties m, String name) {
            if (!m.containsKey(name + ".p50")) {
                return "–";
            }
            return s(Long.parseLong(m.getProperty(name + ".p50"))).replace(" s", "") + " / "
                    + s(Long.parseLong(m.getProperty(name + ".p99"))).replace(" s", "") + " / "
                    + s(Long.parseLong(m.getProperty(name + ".max")));
        }

        private static String s(long millis) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
        }

        private static String machine() throws IOException {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.split(":", 2)[1].trim()).findFirst().orElse("?");
            long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
            return String.format(Locale.ROOT, "%d cores (%s), %d GiB, %s %s, Java %s", Runtime.getRuntime().availableProcessors(),
                    cpu, memKb / 1024 / 1024, System.getProperty("os.name"), System.getProperty("os.version"),
                    System.getProperty("java.version"));
        }
    }
}
