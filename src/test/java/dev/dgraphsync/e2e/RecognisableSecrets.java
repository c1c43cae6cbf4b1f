package dev.dgraphsync.e2e;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A recognisable value for every secret setting, given through the environment, and the search for them. */
final class RecognisableSecrets {

    static final String API_KEY = "apikey-7Hq2-SECRET";
    static final String ADMIN_TOKEN = "admintoken-Zk4-SECRET";
    static final String ACL_PASSWORD = "aclpass-Wm9-SECRET";
    static final String TRUST_STORE_PASSWORD = "trustpass-Rb3-SECRET";
    static final String WAREHOUSE_PASSWORD = "whpass-Yx6-SECRET";
    static final List<String> ALL = List.of(API_KEY, ADMIN_TOKEN, ACL_PASSWORD, TRUST_STORE_PASSWORD, WAREHOUSE_PASSWORD);

    /** Every secret setting of config/application.properties, by the environment variable it reads. */
    static final Map<String, String> ENVIRONMENT = Map.of("DGRAPH_API_KEY", API_KEY, "DGRAPH_ADMIN_TOKEN", ADMIN_TOKEN,
            "DGRAPH_ACL_PASSWORD", ACL_PASSWORD, "DGRAPH_TRUST_STORE_PASSWORD", TRUST_STORE_PASSWORD,
            "WAREHOUSE_PASSWORD", WAREHOUSE_PASSWORD);

    private RecognisableSecrets() {
    }

    static void assertNoneIn(String what, String text) {
        for (String secret : ALL) {
            assertThat(text).as("%s must not show %s:%n%s", what, secret, text).doesNotContain(secret);
        }
    }

    /** Every column of every sync_run row, when the run got as far as the warehouse. */
    static void assertNoneInRunHistory(WarehouseRows warehouse) throws SQLException {
        List<Map<String, Object>> runs;
        try {
            runs = warehouse.query("SELECT * FROM sync_run");
        } catch (SQLException noWarehouseOrNoTable) {
            return;
        }
        assertNoneIn("sync_run", runs.toString());
    }
}
