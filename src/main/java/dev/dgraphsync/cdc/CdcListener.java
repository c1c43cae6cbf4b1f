package dev.dgraphsync.cdc;

/** Told what change data capture does (the metrics count it this way). */
public interface CdcListener {

    void eventRead();

    /** A window handed its changed nodes to their entities' runs. */
    void nodesRequested(int uids);

    /** The source could not serve the position, or sent what names no node: passes and the reconciliation run. */
    void gap();

    CdcListener NONE = new CdcListener() {
        @Override public void eventRead() { }
        @Override public void nodesRequested(int uids) { }
        @Override public void gap() { }
    };
}
