package dev.dgraphsync.run;

/**
 * Camel is stopping (a SIGTERM, a Karaf bundle stop, a host's shutdown): the run stops at the end of the page it was
 * reading, once the batches it handed over are written; the next start goes on from its checkpoint. It ends STOPPED.
 */
public class RunStoppedException extends RuntimeException {

    public RunStoppedException(String job) {
        super(job + ": stopped as Camel stops");
    }
}
