package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Asks Dgraph once, as a start-up check, whether it takes the credentials given: the API key (a one-uid DQL query on
 * {@code /query}) and the admin token (the schema on {@code /admin}), each sent exactly as the routes send them. A
 * refusal is a bad setting, so the program stops before anything is written, naming the setting; the ACL login makes
 * the same check for its user and password ({@link DgraphAcl}). A Dgraph that cannot be reached yet, or answers 5xx,
 * is not judged: the runs retry it as usual.
 */
public class DgraphCredentialCheck {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");
    /** A one-uid DQL query: what every credential may ask. */
    public static final String PROBE = "{\"query\": \"{ credentials_check(func: uid(0x1)) { uid } }\"}";
    static final String TOKEN_PROBE = "{\"query\": \"query credentials_check { getGQLSchema { id } }\"}";

    private DgraphHttpClient client;
    private DgraphAnswer answer;
    private Secrets secrets = new Secrets();

    public void check() {
        if (client.hasApiKey()) {
            probe("dgraph.api-key", "/query", PROBE, "the API key sent as " + client.getHeader());
        }
        if (client.hasAdminToken()) {
            probe("dgraph.admin-token", "/admin", TOKEN_PROBE, "the admin token sent as X-Dgraph-AuthToken");
        }
    }

    private void probe(String setting, String path, String body, String what) {
        JsonNode said;
        try {
            said = answer.ask(path, body);
        } catch (DgraphRefusedException refused) {
            if (refused.isUnauthorized()) {
                throw new InvalidSettingException(setting, "Dgraph refused " + what + " (" + refused.getMessage() + ")");
            }
            LOG.warn("could not check {} ({}); the runs will find out", setting, refused.getMessage());
            return;
        } catch (DgraphUnavailableException unreachable) {
            LOG.warn("could not check {} yet ({}); the runs will find out", setting, unreachable.getMessage());
            return;
        }
        List<String> errors = DgraphResponse.errors(said);
        boolean noData = said.path("data").isMissingNode() || said.path("data").isNull();
        if (noData && !DgraphResponse.hint(errors).isEmpty()) {
            throw new InvalidSettingException(setting, "Dgraph refused " + what + " (" + path + " answered "
                    + secrets.redact(String.join("; ", errors)) + ")");
        }
    }

    public void setClient(DgraphHttpClient client) { this.client = client; }
    public void setAnswer(DgraphAnswer answer) { this.answer = answer; }
    public void setSecrets(Secrets secrets) { this.secrets = secrets; }
}
