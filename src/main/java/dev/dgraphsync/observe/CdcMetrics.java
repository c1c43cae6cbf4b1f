package dev.dgraphsync.observe;

import dev.dgraphsync.cdc.CdcLag;
import dev.dgraphsync.cdc.CdcListener;
import dev.dgraphsync.warehouse.RepairTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Change data capture's meters: {@code dgraph.cdc.events} (events read), {@code dgraph.cdc.uids} (nodes handed to their
 * entities' runs to read again), {@code dgraph.cdc.gaps}, and {@code dgraph.cdc.lag.seconds}: how long the oldest change
 * read and not yet in the warehouse has waited (0 when none waits).
 */
public class CdcMetrics implements CdcListener {

    private Meters meters = new Meters();
    private CdcLag lag;
    private RepairTable repairs;
    private volatile Counter events;
    private volatile Counter uids;
    private volatile Counter gaps;

    @Override
    public void eventRead() {
        counters();
        events.increment();
    }

    @Override
    public void nodesRequested(int count) {
        counters();
        uids.increment(count);
    }

    @Override
    public void gap() {
        counters();
        gaps.increment();
    }

    /** The lag now: from the oldest change held here or waiting in sync_repair. */
    public Duration lag() {
        OffsetDateTime oldest = lag.oldestHeld();
        OffsetDateTime waiting = repairs.oldestChange();
        if (waiting != null && (oldest == null || waiting.isBefore(oldest))) {
            oldest = waiting;
        }
        return oldest == null ? Duration.ZERO : Duration.between(oldest, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private double lagSeconds() {
        try {
            return lag().toMillis() / 1000.0;
        } catch (RuntimeException warehouseAway) {
            return Double.NaN;
        }
    }

    private void counters() {
        if (events == null) {
            synchronized (this) {
                if (events == null) {
                    MeterRegistry registry = meters.registry();
                    uids = registry.counter("dgraph.cdc.uids");
                    gaps = registry.counter("dgraph.cdc.gaps");
                    Gauge.builder("dgraph.cdc.lag.seconds", this, CdcMetrics::lagSeconds).register(registry);
                    events = registry.counter("dgraph.cdc.events");
                }
            }
        }
    }

    public void setMeters(Meters meters) { this.meters = meters; }
    public void setLag(CdcLag lag) { this.lag = lag; }
    public void setRepairs(RepairTable repairs) { this.repairs = repairs; }
}
