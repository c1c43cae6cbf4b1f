package dev.dgraphsync.run;

import dev.dgraphsync.mapping.Row;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The rows of one page, for the route's split: its iterator hands each row over and forgets it. Camel keeps the
 * splitter's iterable reachable from the callbacks of the page loop until the run ends, so a plain list would hold
 * every row of the run in memory; this one is empty once the split is done.
 */
public final class PageRows implements Iterable<Row> {

    private final ArrayDeque<Row> rows = new ArrayDeque<>();

    public PageRows() {
    }

    public PageRows(Collection<Row> rows) {
        this.rows.addAll(rows);
    }

    /** Adds the rows of one record, in order. */
    public void addAll(Collection<Row> recordRows) {
        rows.addAll(recordRows);
    }

    public int size() {
        return rows.size();
    }

    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !rows.isEmpty();
            }

            @Override
            public Row next() {
                Row row = rows.pollFirst();
                if (row == null) {
                    throw new NoSuchElementException();
                }
                return row;
            }
        };
    }
}
