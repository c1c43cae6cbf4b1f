package dev.dgraphsync.source;

import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one HTTP client for Dgraph (Apache HttpClient 5): the routes' HTTP endpoint uses it ({@code httpClient}), and
 * so do the ACL login and the credential check at start, with the same TLS ({@link DgraphTls}) and the same
 * {@code dgraph.connect-timeout-ms} / {@code dgraph.response-timeout-ms}.
 * <ul>
 * <li>the API key goes on every request ({@code X-Auth-Token} by default, as the spec says; {@code Dg-Auth} for some
 * hosted endpoints). The key lives only here and on the wire: never in a message header, so no log, trace or error
 * of an exchange can show it;</li>
 * <li>a self-hosted cluster's admin token ({@code dgraph alpha --security "token=…"}) goes as
 * {@code X-Dgraph-AuthToken} on {@code /admin} requests only, where Dgraph checks it;</li>
 * <li>with Dgraph ACL, a fresh access token ({@link DgraphAcl}) goes as {@code X-Dgraph-AccessToken}, except on the
 * login itself;</li>
 * <li>the client's own automatic retries are off, so that Camel's redelivery policy is the only retry.</li>
 * </ul>
 */
public class DgraphHttpClient extends CloseableHttpClient implements CamelContextAware {

    /** A request context attribute: this request is the ACL login, which carries no access token. */
    static final String LOGIN = "dgraph-sync.acl-login";

    private SyncSettings settings = SyncSettings.defaults();
    private DgraphTls tls;
    private volatile DgraphAcl acl;
    private CamelContext camelContext;
    private CloseableHttpClient client;

    @Override
    protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context)
            throws IOException {
        return getClient().execute(target, request, context);
    }

    /** An HTTP answer read whole: for requests made outside a route. */
    public record Answer(int status, String body) {
    }

    /** The client behind this one, made on first use. */
    private synchronized CloseableHttpClient getClient() {
        if (client == null) {
            PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnPerRoute(20).setMaxConnTotal(40)
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofMilliseconds(settings.number(Setting.CONNECT_TIMEOUT_MS)))
                            .setSocketTimeout(Timeout.ofMilliseconds(settings.number(Setting.RESPONSE_TIMEOUT_MS)))
                            .build());
            if (tls != null && tls.getTrustManagers() != null) {
                try {
                    connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(tls.createSSLContext(camelContext)));
                } catch (GeneralSecurityException | IOException e) {
                    throw new InvalidSettingException("dgraph.trust-store", "cannot be used: " + e.getMessage());
                }
            } else {
                // (ClientTlsStrategyBuilder.buildClassic() would do the same, but is HttpClient 5.5's: camel-karaf
                // 4.14 runs 5.4)
                connections.setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault());
            }
            client = HttpClients.custom().setConnectionManager(connections.build()).disableAutomaticRetries()
                    .addRequestInterceptorFirst((request, entity, context) ->
                            credentials(request.getPath(), isLogin(context)).forEach(request::setHeader))
                    .build();
        }
        return client;
    }

    /**
     * A POST to Dgraph outside a route (the ACL login, the credential check), sent as the routes send theirs. An
     * answer that does not come is an {@link IOException}.
     */
    public Answer post(String path, String contentType, String body, boolean login) throws IOException {
        HttpPost post = new HttpPost(settings.text(Setting.DGRAPH_URL) + path);
        post.setEntity(new StringEntity(body, ContentType.parse(contentType + "; charset=UTF-8")));
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(LOGIN, login);
        return getClient().execute(post, context, response -> new Answer(response.getCode(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity())));
    }

    private static boolean isLogin(HttpContext context) {
        return Boolean.TRUE.equals(context.getAttribute(LOGIN));
    }

    /** The credential headers that a request to this path ({@code /query}, {@code /admin}…) carries. */
    Map<String, String> credentials(String path, boolean login) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (hasApiKey()) {
            headers.put(getHeader(), settings.text(Setting.API_KEY));
        }
        DgraphAcl session = acl;
        if (session != null && session.isEnabled() && !login) {
            headers.put("X-Dgraph-AccessToken", session.accessToken());
        }
        if (hasAdminToken() && path != null && path.startsWith("/admin")) {
            headers.put("X-Dgraph-AuthToken", settings.text(Setting.ADMIN_TOKEN));
        }
        return headers;
    }

    /** The ACL session whose access token every request carries (it logs in through this client). */
    void useAcl(DgraphAcl acl) {
        this.acl = acl;
    }

    public boolean hasApiKey() {
        return settings.isSet(Setting.API_KEY);
    }

    public boolean hasAdminToken() {
        return settings.isSet(Setting.ADMIN_TOKEN);
    }

    public String getHeader() {
        return settings.text(Setting.API_KEY_HEADER);
    }

    @Override
    public synchronized void close() throws IOException {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public synchronized void close(CloseMode mode) {
        if (client != null) {
            client.close(mode);
        }
    }

    /** {@code dgraph.url}, the credentials and {@code dgraph.*-timeout-ms}. */
    public void setSettings(SyncSettings settings) { this.settings = settings; }
    public void setTls(DgraphTls tls) { this.tls = tls; }
    @Override public void setCamelContext(CamelContext camelContext) { this.camelContext = camelContext; }
    @Override public CamelContext getCamelContext() { return camelContext; }

    @Override
    public String toString() {
        return "DgraphHttpClient[header=" + getHeader() + ", apiKey=" + (hasApiKey() ? "****" : "none")
                + ", adminToken=" + (hasAdminToken() ? "****" : "none") + "]";
    }
}
