package dev.dgraphsync.e2e;

import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;

/** Every {@code verify} test of {@link VerifyIT}, with a real PostgreSQL warehouse. */
@ExtendWith(RealPostgres.class)
class PostgresVerifyIT extends VerifyIT {

    @Override
    SyncRunner syncRunner(Path dir) throws Exception {
        return RealPostgres.syncRunner(dir, "verify");
    }
}
