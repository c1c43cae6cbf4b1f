package dev.dgraphsync.run;

import dev.dgraphsync.warehouse.Checkpoint;
import dev.dgraphsync.warehouse.CheckpointTable;

/** Each entity's {@link PageCursor}, kept in the warehouse's {@code sync_checkpoint} table. */
public class CheckpointStore {

    private CheckpointTable table;

    public void setTable(CheckpointTable table) {
        this.table = table;
    }

    public PageCursor load(String entity) {
        return table.load(entity).map(c -> new PageCursor(c.from(), c.nextFrom(), c.afterUid()))
                .orElse(PageCursor.initial());
    }

    /** Forgets where an entity stands, so that its next run re-reads it from the beginning. */
    public boolean reset(String entity) {
        return table.reset(entity);
    }

    static Checkpoint row(PageCursor cursor) {
        return new Checkpoint(cursor.from(), cursor.nextFrom(), cursor.afterUid());
    }
}
