package dev.dgraphsync.verify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code verify} found for one entity: how many of each {@link Drift}, up to ten example ids of each. */
public final class VerifyResult {

    static final int EXAMPLES = 10;

    private final String entity;
    private long checked;
    private final Map<Drift, Long> counts = new EnumMap<>(Drift.class);
    private final Map<Drift, List<String>> examples = new EnumMap<>(Drift.class);
    /** Per relationship type: edges missing, edges extra. */
    private final Map<String, long[]> edges = new TreeMap<>();

    public VerifyResult(String entity) {
        this.entity = entity;
        for (Drift drift : Drift.values()) {
            counts.put(drift, 0L);
            examples.put(drift, new ArrayList<>());
        }
    }

    void countChecked() {
        checked++;
    }

    void found(Drift drift, String example) {
        counts.merge(drift, 1L, Long::sum);
        List<String> some = examples.get(drift);
        if (some.size() < EXAMPLES) {
            some.add(example);
        }
    }

    void edge(Drift drift, String relationship, String edgeId) {
        found(drift, edgeId);
        edges.computeIfAbsent(relationship, r -> new long[2])[drift == Drift.EDGES_MISSING ? 0 : 1]++;
    }

    public String entity() { return entity; }
    public long checked() { return checked; }
    public long count(Drift drift) { return counts.get(drift); }
    public List<String> examples(Drift drift) { return List.copyOf(examples.get(drift)); }
    public Map<String, long[]> edgesByRelationship() { return edges; }

    public long differences() {
        return counts.entrySet().stream().filter(e -> e.getKey().isDifference()).mapToLong(Map.Entry::getValue).sum();
    }
}
