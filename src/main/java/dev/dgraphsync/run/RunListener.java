package dev.dgraphsync.run;

import java.time.OffsetDateTime;

/** Told of every run that ends, as {@code sync_run} records it (the metrics count runs this way). */
public interface RunListener {

    void ended(JobRun run, RunHistory.Status status, OffsetDateTime endedAt);
}
