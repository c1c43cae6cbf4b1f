package dev.dgraphsync.source;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the HTTP client talks to Dgraph:
 * <ul>
 * <li>the API key goes on every request ({@code X-Auth-Token} by default, as the spec says; {@code Dg-Auth} for some
 * hosted endpoints). The key lives only here and on the wire: never in a message header, so no log, trace or error
 * of an exchange can show it;</li>
 * <li>a self-hosted cluster's admin token ({@code dgraph alpha --security "token=…"}) goes as
 * {@code X-Dgraph-AuthToken} on {@code /admin} requests only, where Dgraph checks it;</li>
 * <li>with Dgraph ACL, a fresh access token ({@link DgraphAcl}) goes as {@code X-Dgraph-AccessToken};</li>
 * <li>the client's own automatic retries are off, so that Camel's redelivery policy is the only retry.</li>
 * </ul>
 */
public class DgraphHttpClient implements HttpClientConfigurer {

    private String apiKey;
    private String header = "X-Auth-Token";
    private String adminToken;
    private DgraphAcl acl;

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
        builder.addRequestInterceptorFirst((request, entity, context) ->
                credentials(request.getPath()).forEach(request::setHeader));
    }

    /** The credential headers that a request to this path ({@code /query}, {@code /admin}…) carries. */
    public Map<String, String> credentials(String path) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (hasApiKey()) {
            headers.put(header, apiKey);
        }
        if (acl != null && acl.isEnabled()) {
            headers.put("X-Dgraph-AccessToken", acl.accessToken());
        }
        if (hasAdminToken() && path != null && path.startsWith("/admin")) {
            headers.put("X-Dgraph-AuthToken", adminToken);
        }
        return headers;
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    public boolean hasAdminToken() {
        return adminToken != null && !adminToken.isBlank();
    }

    public String getHeader() {
        return header;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public void setAcl(DgraphAcl acl) {
        this.acl = acl;
    }

    public void setAdminToken(String adminToken) {
        this.adminToken = adminToken;
    }

    public void setHeader(String header) {
        this.header = header;
    }

    @Override
    public String toString() {
        return "DgraphHttpClient[header=" + header + ", apiKey=" + (hasApiKey() ? "****" : "none")
                + ", adminToken=" + (hasAdminToken() ? "****" : "none") + "]";
    }
}
