package dev.dgraphsync.observe;

import io.micrometer.core.instrument.Gauge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the latest scheduled verify found, as gauges ({@link Meters}): {@code dgraph.sync.verify.checked} and
 * {@code dgraph.sync.verify.differences} (tag {@code kind}), tagged {@code entity}.
 */
public class VerifyMetrics {

    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private Meters meters = new Meters();

    /** What a verify found for an entity: {@code kind} is {@code checked} or a kind of difference. */
    public void verified(String entity, String kind, long value) {
        gauges.computeIfAbsent(entity + "/" + kind, key -> {
            AtomicLong holder = new AtomicLong();
            boolean checked = kind.equals("checked");
            Gauge.builder(checked ? "dgraph.sync.verify.checked" : "dgraph.sync.verify.differences", holder,
                            AtomicLong::doubleValue)
                    .description(checked ? "nodes the latest scheduled verify compared"
                            : "differences the latest scheduled verify found")
                    .tag("entity", entity).tags(checked ? new String[0] : new String[] {"kind", kind})
                    .register(meters.registry());
            return holder;
        }).set(value);
    }

    public void setMeters(Meters meters) { this.meters = meters; }
}
