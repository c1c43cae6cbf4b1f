package dev.dgraphsync.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.mapping.ColumnSpec;
import dev.dgraphsync.mapping.ColumnType;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.mapping.Row;
import dev.dgraphsync.mapping.RowDigest;
import dev.dgraphsync.mapping.RowExtractor;
import dev.dgraphsync.mapping.ValueReader;
import dev.dgraphsync.run.PageCursor;
import dev.dgraphsync.source.Dgraph;
import dev.dgraphsync.source.DgraphQueryException;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.source.IdScan;
import dev.dgraphsync.source.PageQuery;
import dev.dgraphsync.warehouse.ActiveRows;
import dev.dgraphsync.warehouse.ActiveRows.ActiveRow;
import dev.dgraphsync.warehouse.WarehouseDialect;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Holds one entity's warehouse rows against its live nodes in Dgraph: both sides are read in uid order, a page at a
 * time (Dgraph's nodes as a full pass reads them, the warehouse's active rows by keyset), and merged, so memory
 * holds a page of each whatever the size of the catalog. A row's values are compared by {@link RowDigest}; its
 * edges as sets; each COUNT column against the row's active edges. A node changed since the entity's last pass
 * began is in flight, not a difference.
 */
final class EntityVerification {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dgraph-sync");
    /**
     * Each side is read at most this many of its pages ahead of the comparison (reading the warehouse further ahead
     * took CPU from the Dgraph side). A page is {@code dgraph.sync.page-size} nodes on both sides.
     */
    private static final int AHEAD = 2;

    /** One side's view of a node: its uid, its column digests, its edges ({@code RELATIONSHIP>target}), its counts. */
    private record Node(long uid, String id, long[] digests, Set<String> edges, Map<String, Long> counts,
                        OffsetDateTime cursor) {
    }

    private final EntitySpec entity;
    private final Dgraph dgraph;
    private final ActiveRows warehouse;
    private final WarehouseDialect dialect;
    private final int pageSize;
    private final PageCursor checkpoint;
    private final Consumer<List<String>> repair;
    private final int longestSource;
    private final BooleanSupplier stopped;
    /** Each COUNT column that has an edge entry on its field, and that edge's relationship: found once, not per row. */
    private final Map<String, String> countedEdges = new LinkedHashMap<>();
    private final VerifyResult result;

    EntityVerification(EntitySpec entity, Dgraph dgraph, ActiveRows warehouse, WarehouseDialect dialect,
                       int pageSize, PageCursor checkpoint, Consumer<List<String>> repair,
                       int longestSource, BooleanSupplier stopped) {
        this.entity = entity;
        this.dgraph = dgraph;
        this.warehouse = warehouse;
        this.dialect = dialect;
        this.pageSize = pageSize;
        this.checkpoint = checkpoint;
        this.repair = repair;
        this.longestSource = longestSource;
        this.stopped = stopped;
        for (ColumnSpec c : entity.columns()) {
            if (c.type() == ColumnType.COUNT) {
                entity.edge(c.field()).ifPresent(e -> countedEdges.put(c.name(), e.relationship()));
            }
        }
        this.result = new VerifyResult(entity.name());
    }

    VerifyResult run() {
        long started = System.nanoTime();
        try (ReadAhead<Node> source = new ReadAhead<>("verify-" + entity.name() + "-dgraph", AHEAD, new DgraphNodes());
             ReadAhead<Node> sink = new ReadAhead<>("verify-" + entity.name() + "-warehouse", AHEAD,
                     new WarehouseNodes())) {
            return run(source, sink, started);
        }
    }

    private VerifyResult run(ReadAhead<Node> source, ReadAhead<Node> sink, long started) {
        List<String> differing = new ArrayList<>();
        Node d = source.next();
        Node w = sink.next();
        while ((d != null || w != null) && !stopped.getAsBoolean()) {
            int order = d == null ? 1 : w == null ? -1 : Long.compareUnsigned(d.uid(), w.uid());
            if (order < 0) {
                result.countChecked();
                // A missing or an extra row is reported by itself: its edges go with it.
                if (!inFlight(d)) {
                    result.found(Drift.MISSING, d.id());
                    differing.add(d.id());
                }
                d = source.next();
            } else if (order > 0) {
                result.found(Drift.EXTRA, w.id());
                differing.add(w.id());
                w = sink.next();
            } else {
                result.countChecked();
                compare(d, w, differing);
                d = source.next();
                w = sink.next();
            }
            if (differing.size() >= pageSize) {
                repair.accept(List.copyOf(differing));
                differing.clear();
            }
        }
        if (!differing.isEmpty()) {
            repair.accept(List.copyOf(differing));
        }
        LOG.info("verify: {}: {} checked, {} difference(s) in {} s (reading Dgraph {} s, the warehouse {} s)",
                entity.name(), result.checked(), result.differences(), seconds(System.nanoTime() - started),
                seconds(source.waited()), seconds(sink.waited()));
        return result;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private void compare(Node d, Node w, List<String> differing) {
        // A COUNT column is held against the row's active edges below, not against Dgraph's number: when its edges
        // are right and it counts them, it is Dgraph's number; a wrong edge is reported as such, not twice.
        List<String> columns = RowDigest.differing(entity, d.digests(), w.digests());
        columns.removeAll(w.counts().keySet());
        Set<String> missing = new HashSet<>(d.edges());
        missing.removeAll(w.edges());
        Set<String> extra = new HashSet<>(w.edges());
        extra.removeAll(d.edges());
        List<String> wrongCounts = new ArrayList<>();
        w.counts().forEach((column, count) -> {
            String of = countedEdges.get(column) + ">";
            long active = w.edges().stream().filter(e -> e.startsWith(of)).count();
            boolean edgesRight = missing.stream().noneMatch(e -> e.startsWith(of)) && extra.stream().noneMatch(e -> e.startsWith(of));
            if (edgesRight && (count == null || count != active)) {
                wrongCounts.add(column);
            }
        });
        if (columns.isEmpty() && missing.isEmpty() && extra.isEmpty() && wrongCounts.isEmpty()) {
            return;
        }
        if (inFlight(d)) {
            return;
        }
        differing.add(d.id());
        if (!columns.isEmpty()) {
            result.found(Drift.DIFFERING, d.id() + " (" + String.join(", ", columns) + ")");
        }
        missing.stream().sorted().forEach(e -> edge(Drift.EDGES_MISSING, d.id(), e));
        extra.stream().sorted().forEach(e -> edge(Drift.EDGES_EXTRA, d.id(), e));
        wrongCounts.forEach(c -> result.found(Drift.WRONG_COUNTS, d.id() + " (" + c + ")"));
    }

    /** Counted as in flight when the node changed since the last pass began (or the first pass is under way). */
    private boolean inFlight(Node d) {
        boolean inFlight = checkpoint.from() == null ? checkpoint.inPass()
                : d.cursor() != null && !d.cursor().isBefore(checkpoint.from());
        if (inFlight) {
            result.found(Drift.IN_FLIGHT, d.id());
        }
        return inFlight;
    }

    private void edge(Drift drift, String source, String edge) {
        int arrow = edge.indexOf('>');
        String relationship = edge.substring(0, arrow);
        result.edge(drift, relationship, source + "_" + relationship + "_" + edge.substring(arrow + 1));
    }

    private Node node(String id, Map<String, Object> values, Set<String> edges, OffsetDateTime cursor) {
        Map<String, Object> comparable = new LinkedHashMap<>();
        values.forEach((k, v) -> comparable.put(k, dialect.bindable(v)));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String column : countedEdges.keySet()) {
            Object count = values.get(column);
            counts.put(column, count == null ? null : ((Number) count).longValue());
        }
        return new Node(IdScan.parse(id), id, RowDigest.of(entity, comparable), edges, counts, cursor);
    }

    /**
     * Dgraph's live nodes of the entity in uid order, a page at a time with {@code after}, as the plainest read of
     * Dgraph does.
     */
    private final class DgraphNodes implements ReadAhead.Pages<Node> {
        private final int size = pageSize;
        private String after;
        private boolean last;

        @Override
        public Deque<Node> next() {
            if (last) {
                return new ArrayDeque<>();
            }
            JsonNode records = DgraphResponse.data(dgraph.ask("/query", PageQuery.verifyPageRequest(entity, size, after)),
                    "page", entity.name() + ", verify");
            last = records.size() < size;
            if (!records.isEmpty()) {
                after = records.get(records.size() - 1).path("uid").asText();
            }
            return nodes(records);
        }

        private Deque<Node> nodes(JsonNode records) {
            List<Node> nodes = new ArrayList<>(records.size());
            List<Row> rows = new ArrayList<>();
            for (JsonNode record : records) {
                rows.clear();
                try {
                    RowExtractor.extract(entity, record, rows);
                } catch (IllegalArgumentException unreadable) {
                    throw new DgraphQueryException(entity.name() + ": a record cannot be read: " + unreadable.getMessage());
                }
                Set<String> edges = new HashSet<>();
                for (Row row : rows.subList(1, rows.size())) {
                    edges.add(row.values().get("relationship_type") + ">" + row.values().get("target_id"));
                }
                JsonNode cursor = entity.cursor() == null ? null : record.get(entity.predicate(entity.cursor()));
                nodes.add(node(rows.get(0).uid(), rows.get(0).values(), edges,
                        cursor == null || cursor.isNull() ? null : ValueReader.instant(cursor.asText())));
            }
            nodes.sort((a, b) -> Long.compareUnsigned(a.uid(), b.uid()));
            return new ArrayDeque<>(nodes);
        }
    }

    /** The warehouse's active rows of the entity in uid order, each length of uid in turn, a page at a time. */
    private final class WarehouseNodes implements ReadAhead.Pages<Node> {
        private int[] lengths;
        private int length;
        private String after;
        private boolean started;

        @Override
        public Deque<Node> next() {
            if (!started) {
                started = true;
                lengths = warehouse.uidLengths(entity);
                length = lengths == null ? Integer.MAX_VALUE : lengths[0];
            }
            Deque<Node> nodes = new ArrayDeque<>();
            while (nodes.isEmpty() && lengths != null && length <= lengths[1]) {
                List<ActiveRow> rows = warehouse.page(entity, length, after, pageSize, longestSource);
                for (ActiveRow row : rows) {
                    nodes.add(node(row.uid(), row.values(), new HashSet<>(row.edges()), null));
                }
                if (rows.size() < pageSize) {
                    length++;
                    after = null;
                } else {
                    after = rows.get(rows.size() - 1).uid();
                }
            }
            return nodes;
        }
    }
}
