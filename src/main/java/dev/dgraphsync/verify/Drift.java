package dev.dgraphsync.verify;

/** A kind of difference {@code verify} finds between Dgraph and the warehouse, as its report names it. */
public enum Drift {
    /** A live node with no active row. */
    MISSING("missing"),
    /** An active row whose node is gone from Dgraph. */
    EXTRA("extra"),
    /** A row whose synced columns differ from its node's values. */
    DIFFERING("differing"),
    /** An edge of a node that {@code relationship} has no active row for. */
    EDGES_MISSING("edges missing"),
    /** An active {@code relationship} row that Dgraph no longer has. */
    EDGES_EXTRA("edges extra"),
    /** A COUNT column that is not the number of its row's active edges. */
    WRONG_COUNTS("wrong counts"),
    /** A node changed after the entity's last pass began: not yet synced, not a difference. */
    IN_FLIGHT("in flight");

    public final String label;

    Drift(String label) {
        this.label = label;
    }

    public boolean isDifference() {
        return this != IN_FLIGHT;
    }
}
