package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.Secrets;
import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A Dgraph ACL session (open source since v25): logs in with {@code dgraph.acl-user} and {@code dgraph.acl-password}
 * through the admin API's {@code login} mutation, and hands out an access token that is always fresh — refreshed
 * with the refresh token when three quarters of its life are gone, and by a new login if the refresh is refused.
 * The credentials are checked once at start, so a wrong password stops the program before anything is written.
 */
public class DgraphAcl {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");
    private static final String LOGIN = "mutation($u: String, $p: String, $ns: Int, $r: String) {"
            + " login(userId: $u, password: $p, namespace: $ns, refreshToken: $r) { response { accessJWT refreshJWT } } }";

    private SyncSettings settings = SyncSettings.defaults();
    private Secrets secrets = new Secrets();
    private DgraphHttpClient http;
    private DgraphAnswer sorted = new DgraphAnswer();
    private String accessToken;
    private String refreshToken;
    private Instant obtainedAt;
    private Instant expiresAt;

    public boolean isEnabled() {
        return settings.isSet(Setting.ACL_USER);
    }

    /** A start-up check: with ACL configured, log in now — wrong credentials are a bad setting, not a failed run. */
    public void login() {
        if (!isEnabled()) {
            return;
        }
        client().useAcl(this);
        try {
            accessToken();
        } catch (IOException unreachable) {
            LOG.warn("Dgraph ACL: could not log in yet ({}); the first request will try again", unreachable.getMessage());
        }
    }

    /** A valid access token, logging in or refreshing as needed. */
    public synchronized String accessToken() throws IOException {
        if (accessToken != null && Instant.now().isBefore(refreshAt())) {
            return accessToken;
        }
        return renewedAccessToken();
    }

    /**
     * An access token obtained just now, with its whole life ahead: for a request that may take long (a large
     * mutation), which Dgraph refuses if the token expires while it works, possibly after it has committed.
     */
    public synchronized String renewedAccessToken() throws IOException {
        if (refreshToken != null) {
            try {
                login(null, refreshToken);
                LOG.info("Dgraph ACL: refreshed the access token of '{}'", settings.text(Setting.ACL_USER));
                return accessToken;
            } catch (InvalidSettingException refused) {
                LOG.info("Dgraph ACL: the refresh token was refused; logging in again");
            }
        }
        login(settings.text(Setting.ACL_PASSWORD), null);
        return accessToken;
    }

    private Instant refreshAt() {
        return obtainedAt.plus(Duration.between(obtainedAt, expiresAt).multipliedBy(3).dividedBy(4));
    }

    private void login(String withPassword, String withRefreshToken) throws IOException {
        ObjectNode body = DgraphResponse.JSON.createObjectNode();
        body.put("query", LOGIN);
        ObjectNode variables = body.putObject("variables");
        if (withRefreshToken != null) {
            variables.put("r", withRefreshToken);
        } else {
            variables.put("u", settings.text(Setting.ACL_USER)).put("p", withPassword)
                    .put("ns", settings.number(Setting.ACL_NAMESPACE));
        }
        DgraphHttpClient.Answer response = client().post("/admin", "application/json", body.toString(), true);
        JsonNode answer;
        try {
            answer = sorted.read("/admin", response);
        } catch (DgraphUnavailableException busy) {
            // Dgraph (or a proxy) is down or busy: that says nothing of the password, and a later try may succeed.
            throw new IOException("Dgraph's login: " + busy.getMessage(), busy);
        } catch (DgraphRefusedException refused) {
            if (!refused.isUnauthorized()) {
                throw new IOException("Dgraph's login: " + refused.getMessage(), refused);
            }
            answer = DgraphResponse.JSON.createObjectNode(); // a proxy's 401 or 403: refused like a wrong password
        }
        JsonNode tokens = answer.path("data").path("login").path("response");
        if (!tokens.hasNonNull("accessJWT")) {
            throw new InvalidSettingException(withRefreshToken != null ? "dgraph.acl-user" : "dgraph.acl-password",
                    "Dgraph refused the login of user '" + settings.text(Setting.ACL_USER) + "' (namespace "
                            + settings.text(Setting.ACL_NAMESPACE) + "): " + secrets.redact(answer.path("errors")
                            .path(0).path("message").asText("HTTP " + response.status())));
        }
        accessToken = tokens.get("accessJWT").asText();
        refreshToken = tokens.path("refreshJWT").asText(null);
        secrets.maskAlso(accessToken);
        secrets.maskAlso(refreshToken);
        obtainedAt = Instant.now();
        expiresAt = expiry(accessToken);
    }

    /** The {@code exp} claim of a JWT (seconds); a token that does not say is treated as good for a minute. */
    private static Instant expiry(String jwt) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            return Instant.ofEpochSecond(DgraphResponse.JSON.readTree(payload).path("exp").asLong());
        } catch (RuntimeException | IOException e) {
            return Instant.now().plusSeconds(60);
        }
    }

    /** The routes' client; one of its own for a session made outside the routes. */
    private synchronized DgraphHttpClient client() {
        if (http == null) {
            http = new DgraphHttpClient();
            http.setSettings(settings);
        }
        return http;
    }

    /** {@code dgraph.acl-user}, {@code dgraph.acl-password}, {@code dgraph.acl-namespace}. */
    public void setSettings(SyncSettings settings) { this.settings = settings; }
    public void setSecrets(Secrets secrets) { this.secrets = secrets; }
    public void setHttp(DgraphHttpClient http) { this.http = http; }
    public void setAnswer(DgraphAnswer answer) { this.sorted = answer; }
}
