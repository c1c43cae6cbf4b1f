package dev.dgraphsync.warehouse;

import java.time.OffsetDateTime;

/**
 * A row of {@code sync_checkpoint}: where an entity's sync stands, as plain values (the run layer gives them their
 * meaning).
 */
public record Checkpoint(OffsetDateTime from, OffsetDateTime nextFrom, String afterUid) {
}
