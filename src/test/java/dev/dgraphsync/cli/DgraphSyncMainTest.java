package dev.dgraphsync.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's own options: a mistake is one line naming the option, exit 2, and nothing is run. */
class DgraphSyncMainTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            once --timeout-minutes soon              | dgraph-sync: --timeout-minutes: 'soon' is not a whole number of minutes above 0
            once --timeout-minutes 0                 | dgraph-sync: --timeout-minutes: '0' is not a whole number of minutes above 0
            once --config                            | dgraph-sync: --config: needs a value
            once --config --routes file:x/*.yaml     | dgraph-sync: --config: needs a value
            once --config no/such.properties         | dgraph-sync: --config: no file 'no/such.properties'
            """)
    void aBadOptionIsOneLineNamingItAndExit2(String arguments, String expected) {
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = DgraphSyncMain.run(arguments.split(" "));
        } finally {
            System.setErr(err);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(expected);
    }

    @org.junit.jupiter.api.Test
    void theErrorThatEndedAJobIsWhatItsFailedRunSays() {
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        Exception quartz = new Exception("Job threw an unhandled exception", new RuntimeException("wrapped", heap));

        assertThat(DgraphSyncMain.rootError(quartz)).isSameAs(heap);
        Exception noError = new Exception("no Error inside");
        assertThat(DgraphSyncMain.rootError(noError)).isSameAs(noError);
    }
}
