package dev.dgraphsync.warehouse;

import java.time.OffsetDateTime;

/**
 * A row of {@code sync_checkpoint}: where an entity's sync stands, as plain values (the run layer gives them their
 * meaning), and the shape of the entity its rows were written with ({@code EntitySpec.shape()}; null in a row written
 * before the shape was kept).
 */
public record Checkpoint(OffsetDateTime from, OffsetDateTime nextFrom, String afterUid, String shape) {
}
