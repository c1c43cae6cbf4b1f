package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * Asks Dgraph once, at start, whether it takes the credentials given: the API key (a one-uid DQL query on
 * {@code /query}) and the admin token (the schema on {@code /admin}), each sent exactly as the routes send them
 * (through the routes' own {@link DgraphHttpClient}). A refusal is a bad setting, so the program stops before anything is
 * written, naming the setting; the ACL login makes the same check for its user and password ({@link DgraphAcl}).
 * A Dgraph that cannot be reached yet, or answers 5xx, is not judged: the runs retry it as usual. (Camel Main makes
 * YAML beans twice, once as it pre-parses the routes, so Dgraph may be asked twice.)
 */
public class DgraphCredentialCheck {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");
    static final String KEY_PROBE = "{ credentials_check(func: uid(0x1)) { uid } }";
    static final String TOKEN_PROBE = "{\"query\": \"query credentials_check { getGQLSchema { id } }\"}";

    private String url;
    private DgraphHttpClient client;
    private Secrets secrets = new Secrets();

    /** Bean init. */
    public void check() {
        if (client == null || url == null || !url.matches("https?://.+")) {
            return; // a URL that the settings check reports
        }
        if (client.hasApiKey()) {
            probe("dgraph.api-key", "/query", "application/dql", KEY_PROBE,
                    "the API key sent as " + client.getHeader());
        }
        if (client.hasAdminToken()) {
            probe("dgraph.admin-token", "/admin", "application/json", TOKEN_PROBE,
                    "the admin token sent as X-Dgraph-AuthToken");
        }
    }

    private void probe(String setting, String path, String contentType, String body, String what) {
        DgraphHttpClient.Answer answer;
        try {
            answer = client.post(path, contentType, body, false);
        } catch (IOException unreachable) {
            LOG.warn("could not check {} yet ({}); the runs will find out", setting, secrets.redact(
                    unreachable.getMessage() != null ? unreachable.getMessage() : unreachable.getClass().getSimpleName()));
            return;
        }
        String refusal = refusal(answer);
        if (refusal != null) {
            throw new InvalidSettingException(setting, "Dgraph refused " + what + " (" + path + " answered "
                    + secrets.redact(refusal) + ")");
        }
    }

    /** What the answer says against the credentials, or null when it does not refuse them. */
    private String refusal(DgraphHttpClient.Answer answer) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            return "HTTP " + status + ": " + secrets.excerpt(answer.body());
        }
        if (status != 200) {
            return null; // 5xx, 429 and the like are the runs' business
        }
        try {
            JsonNode json = DgraphResponse.JSON.readTree(answer.body());
            List<String> errors = DgraphResponse.errors(json);
            boolean noData = json.path("data").isMissingNode() || json.path("data").isNull();
            return noData && !DgraphResponse.hint(errors).isEmpty() ? String.join("; ", errors) : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    public void setUrl(String url) { this.url = url; }
    public void setClient(DgraphHttpClient client) { this.client = client; }
    public void setSecrets(Secrets secrets) { this.secrets = secrets; }
}
