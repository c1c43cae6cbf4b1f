package dev.dgraphsync.source;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

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
        if (apiKey != null && !apiKey.isBlank()) {
            builder.addRequestInterceptorFirst((request, entity, context) -> request.setHeader(header, apiKey));
        }
        if (acl != null && acl.isEnabled()) {
            builder.addRequestInterceptorFirst((request, entity, context) ->
                    request.setHeader("X-Dgraph-AccessToken", acl.accessToken()));
        }
        if (adminToken != null && !adminToken.isBlank()) {
            builder.addRequestInterceptorFirst((request, entity, context) -> {
                if (request.getPath() != null && request.getPath().startsWith("/admin")) {
                    request.setHeader("X-Dgraph-AuthToken", adminToken);
                }
            });
        }
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
        return "DgraphHttpClient[header=" + header + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "none" : "****")
                + ", adminToken=" + (adminToken == null || adminToken.isBlank() ? "none" : "****") + "]";
    }
}
