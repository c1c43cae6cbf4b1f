package dev.dgraphsync.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec's own configuration works: it gives dgraph_url as "the GraphQL endpoint URL". */
@ExtendWith(RealDgraph.class)
class SpecConfigurationIT {

    @TempDir
    Path dir;

    @Test
    void theGraphqlEndpointUrlTheSpecAsksForSyncsTheCatalog() throws Exception {
        RealDgraph.freshSample(30);
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", "http://127.0.0.1:1"); // the environment wins

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of("DGRAPH_URL", RealDgraph.URL + "/graphql"));

        assertThat(outcome.exit()).as(outcome.output()).isZero();
        assertThat(outcome.output()).containsOnlyOnce("dgraph.url: " + RealDgraph.URL + "/graphql is the alpha's"
                + " /graphql endpoint; its base " + RealDgraph.URL + " is used for /query and /admin");
        assertThat(sync.rows().count("SELECT COUNT(*) FROM product")).isEqualTo(30);
        assertThat(sync.rows().count("SELECT COUNT(*) FROM sync_run WHERE status <> 'SUCCEEDED'")).isZero();
    }
}
