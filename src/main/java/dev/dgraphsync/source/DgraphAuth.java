package dev.dgraphsync.source;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Adds the API key to every request the HTTP client sends to Dgraph ({@code X-Auth-Token} by default, as the spec
 * says; {@code Dg-Auth} for some hosted endpoints). The key lives only here and on the wire: never in a message
 * header, so no log, trace or error of an exchange can show it.
 */
public class DgraphAuth implements HttpClientConfigurer {

    private String apiKey;
    private String header = "X-Auth-Token";

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        if (apiKey != null && !apiKey.isBlank()) {
            builder.addRequestInterceptorFirst((request, entity, context) -> request.setHeader(header, apiKey));
        }
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public void setHeader(String header) {
        this.header = header;
    }

    @Override
    public String toString() {
        return "DgraphAuth[header=" + header + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "none" : "****") + "]";
    }
}
