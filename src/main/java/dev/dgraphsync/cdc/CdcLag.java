package dev.dgraphsync.cdc;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The windows of changes this process holds and has not yet written to {@code sync_repair}: the lag counts from the
 * oldest change among them as much as from the oldest request waiting in the warehouse.
 */
public class CdcLag {

    private final Set<CdcWindow> open = ConcurrentHashMap.newKeySet();

    void opened(CdcWindow window) {
        open.add(window);
    }

    void written(CdcWindow window) {
        open.remove(window);
    }

    /** When the oldest change held here was seen by its source; null when none is. */
    public OffsetDateTime oldestHeld() {
        return open.stream().map(CdcWindow::firstChangeAt).filter(java.util.Objects::nonNull)
                .min(OffsetDateTime::compareTo).orElse(null);
    }
}
