package dev.dgraphsync.e2e;

import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;

/** Every incremental-sync test of {@link IncrementalSyncIT}, into a real PostgreSQL warehouse. */
@ExtendWith(RealPostgres.class)
class PostgresIncrementalSyncIT extends IncrementalSyncIT {

    @Override
    SyncRunner syncRunner(Path dir) throws Exception {
        return RealPostgres.syncRunner(dir, "incremental_sync");
    }
}
