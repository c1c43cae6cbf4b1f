package dev.dgraphsync.run;

import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.warehouse.Checkpoint;
import dev.dgraphsync.warehouse.CheckpointTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Each entity's {@link PageCursor}, kept in the warehouse's {@code sync_checkpoint} table. */
public class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private CheckpointTable table;

    public void setTable(CheckpointTable table) {
        this.table = table;
    }

    /** Where the entity stands, as its last committed batch left it. */
    public PageCursor load(String entity) {
        return table.load(entity).map(CheckpointStore::cursor).orElse(PageCursor.initial());
    }

    /**
     * Where the entity's next run goes on from: the pass under way, or the next pass. A new pass from the beginning
     * when nothing tells changed nodes apart (no cursor), or when its columns or edges are not those its rows were
     * written with: a column added to the YAML is then filled for every row, not only for nodes that change.
     */
    public PageCursor resume(EntitySpec entity) {
        Optional<Checkpoint> saved = table.load(entity.name());
        PageCursor cursor = saved.map(CheckpointStore::cursor).orElse(PageCursor.initial());
        String writtenWith = saved.map(Checkpoint::shape).orElse(null);
        if (writtenWith != null && !writtenWith.equals(entity.shape())) {
            LOG.info("{}: its rows were written with other columns or edges ({}): every node is read again",
                    entity.name(), changes(writtenWith, entity.shape()));
            return PageCursor.initial();
        }
        if (entity.cursor() == null && !cursor.inPass()) {
            return PageCursor.initial();
        }
        return cursor;
    }

    /** A new run's claim on the entity: its epoch, which only grows (see {@link CheckpointTable#claim}). */
    public long claim(String entity) {
        return table.claim(entity);
    }

    /** Forgets where an entity stands, so that its next run re-reads it from the beginning. */
    public boolean reset(String entity) {
        return table.reset(entity);
    }

    static Checkpoint row(PageCursor cursor, EntitySpec entity) {
        return new Checkpoint(cursor.from(), cursor.nextFrom(), cursor.afterUid(), entity.shape());
    }

    private static PageCursor cursor(Checkpoint c) {
        return new PageCursor(c.from(), c.nextFrom(), c.afterUid());
    }

    /** What differs between two shapes, as "added …; removed …". */
    static String changes(String before, String now) {
        List<String> was = items(before);
        List<String> is = items(now);
        List<String> said = new ArrayList<>();
        List<String> added = is.stream().filter(i -> !was.contains(i)).toList();
        List<String> removed = was.stream().filter(i -> !is.contains(i)).toList();
        if (!added.isEmpty()) {
            said.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            said.add("removed " + String.join(", ", removed));
        }
        return said.isEmpty() ? "changed" : String.join("; ", said);
    }

    private static List<String> items(String shape) {
        return Arrays.stream(shape.split("[\\s;]+")).filter(s -> !s.isEmpty()).toList();
    }
}
