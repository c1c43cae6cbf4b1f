package dev.dgraphsync.warehouse;

/**
 * A batch (or another write of a run) that came too late: a newer run of the entity claimed it since (its epoch in
 * {@code sync_checkpoint} moved on), on this instance or another. Nothing of it was committed; the newer run's work
 * stands. The run ends FENCED.
 */
public class RunFencedException extends WarehouseException {

    public RunFencedException(String entity, long epoch) {
        super(entity + ": fenced: a newer run of " + entity + " claimed it after this run's claim (epoch " + epoch
                + "); nothing of this batch was written", null);
    }
}
