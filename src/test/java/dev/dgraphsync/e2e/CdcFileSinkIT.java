package dev.dgraphsync.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change data capture through the alpha's file sink ({@code --cdc file=DIR}), read by camel-stream as the README says.
 * Dgraph writes the file every 10 s, so a change takes that long and a little more to land.
 */
@ExtendWith({RealDgraph.class, RealPostgres.class})
class CdcFileSinkIT extends ChangeDataCaptureSuite {

    private static final Path SINK_DIR = Path.of("target/cdc-it/sink").toAbsolutePath();
    private static final Path SINK = SINK_DIR.resolve("sink.log");

    @BeforeAll
    static void alphaWithCdcToAFile() throws Exception {
        // Dgraph appends to a sink file that is there as it starts (O_APPEND), and writes one it makes at its own
        // offsets: a cut (below) is followed by appends only in the first case, as after any restart of Dgraph.
        RealDgraph.restartWithCdcFile(SINK_DIR);
    }

    @AfterAll
    static void alphaWithoutCdc() throws Exception {
        RealDgraph.restartWithCdc(null);
    }

    @Override
    String endpoint(String test) {
        return RealDgraph.fileSinkEndpoint(SINK);
    }

    @Override
    Duration landsWithin() {
        return Duration.ofSeconds(60);
    }

    /**
     * While {@code run} is stopped, changes are written to the file and the file is then cut (emptied): the next event
     * is past the stored position, so the gap is said, and the passes and the deletes reconciliation bring what the cut
     * took (a change that moved {@code updatedAt}, and a delete).
     */
    @Test
    void aFileCutWhileStoppedIsSaidAndMadeUpForByThePassesAndTheReconciliation() throws Exception {
        startCaughtUp();
        stop();
        long before = Files.size(SINK);
        GapChanges changes = changeInTheGap();
        org.awaitility.Awaitility.await("the gap's events written to the file").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100)).until(() -> Files.size(SINK) > before);
        Files.write(SINK, new byte[0]);

        start();
        changeAfterTheGap(changes);
        awaitTheGapMadeUpFor(changes);
        assertThat(logs()).contains("CDC gap: the source's first event is at commit_ts");
        stop();
        assertThat(sync.verify()).isZero();
    }
}
