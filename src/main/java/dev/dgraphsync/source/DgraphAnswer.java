package dev.dgraphsync.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dgraphsync.config.Secrets;
import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.util.ObjectHelper;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.security.cert.CertificateException;

/**
 * The one place a Dgraph answer is sorted, for every caller: the {@code dgraph-request} route (the sync, verify,
 * discover) and the requests made once outside it ({@link #ask}: start-up checks, health). A 2xx answer whose body is
 * a JSON object goes on; 429 and 5xx, and a 2xx body that is empty, not JSON (cut off mid-way, a proxy's error page)
 * or not an object are {@link DgraphUnavailableException}, worth a retry (a {@code Retry-After} in seconds sets the
 * route's wait); any other status is {@link DgraphRefusedException}. A call that got no answer at all is sorted too
 * ({@link #noAnswer}): an I/O failure is transient, a certificate that is not trusted is not. Text of the answer that
 * may end up in an error (a body that is not data, Dgraph's error messages) is passed through {@link Secrets}, in case
 * a proxy echoes a credential.
 */
public class DgraphAnswer implements Processor, Dgraph {

    private Secrets secrets = new Secrets();
    private SyncSettings settings = SyncSettings.defaults();
    private DgraphHttpClient client;

    /** Asks once, outside any route: no retry (a start-up check or a health check judges what it gets now). */
    @Override
    public JsonNode ask(String path, String body) {
        try {
            return read(path, client.post(path, "application/json", body, false));
        } catch (IOException e) {
            throw noAnswer(path, e);
        }
    }

    /** An answer read whole outside a route, sorted. */
    public JsonNode read(String path, DgraphHttpClient.Answer answer) {
        sortStatus(path, answer.status(), answer.body());
        try {
            return checked(path, DgraphResponse.JSON.readTree(answer.body()));
        } catch (JsonProcessingException e) {
            throw notJson(path, answer.body());
        }
    }

    /** The route's step right after the call: sorts the answer by its status; a 2xx body is left to unmarshal. */
    @Override
    public void process(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        if (status == 429 || status >= 500) {
            retryAfter(exchange);
        }
        sortStatus(path(exchange), status, exchange.getMessage().getBody(String.class));
    }

    /** The route's step after it unmarshalled a 2xx body: a JSON object is the answer. */
    public void checked(Exchange exchange) {
        checked(path(exchange), exchange.getMessage().getBody());
    }

    /** The route's step for a 2xx body that is not JSON at all. */
    public void notJson(Exchange exchange) {
        throw notJson(path(exchange), exchange.getMessage().getBody(String.class));
    }

    /** The route's step for a call that failed before any answer came: the exception it threw, sorted. */
    public void noAnswer(Exchange exchange) {
        throw noAnswer(path(exchange), exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    private void sortStatus(String path, int status, String body) {
        if (status == 429 || status >= 500) {
            throw new DgraphUnavailableException("HTTP " + status + " from Dgraph (" + path + "): " + secrets.excerpt(body));
        }
        if (status >= 300) {
            throw new DgraphRefusedException("HTTP " + status + " from Dgraph (" + path + "): " + secrets.excerpt(body)
                    + (status == 401 || status == 403 ? " — check dgraph.api-key and dgraph.api-key-header" : ""), status);
        }
    }

    private JsonNode checked(String path, Object body) {
        if (!(body instanceof ObjectNode answer)) {
            throw new DgraphUnavailableException("Dgraph's answer (" + path + ") is empty or not a JSON object: "
                    + secrets.excerpt(body == null ? "" : body.toString()));
        }
        redactErrors(answer);
        return answer;
    }

    private DgraphUnavailableException notJson(String path, String body) {
        return new DgraphUnavailableException("Dgraph's answer (" + path + ") is not JSON (cut off, or an error page): "
                + secrets.excerpt(body));
    }

    private RuntimeException noAnswer(String path, Exception failure) {
        String what = "no answer from Dgraph (" + path + "): " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + secrets.redact(failure.getMessage()));
        // A certificate that is not trusted (or not for this host) will not become trusted by retrying.
        if (ObjectHelper.getException(CertificateException.class, failure) != null
                || ObjectHelper.getException(SSLPeerUnverifiedException.class, failure) != null) {
            return new DgraphRefusedException(what + " — check dgraph.trust-store", failure);
        }
        return new DgraphUnavailableException(what, failure);
    }

    private static String path(Exchange exchange) {
        return "/" + exchange.getProperty(DgraphRequest.PATH, "query", String.class);
    }

    /** Camel's redelivery reads its next delay from this header when it is set. */
    private void retryAfter(Exchange exchange) {
        String value = exchange.getMessage().getHeader("Retry-After", String.class);
        if (value != null && value.strip().matches("\\d{1,6}")) {
            long ms = Math.min(Long.parseLong(value.strip()) * 1000, settings.number(Setting.MAX_DELAY_MS));
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, ms);
        }
    }

    /** Dgraph's {@code errors[].message} end up in error texts and logs. */
    private void redactErrors(JsonNode answer) {
        for (JsonNode error : answer.path("errors")) {
            if (error instanceof ObjectNode e && e.has("message")) {
                e.put("message", secrets.redact(e.get("message").asText()));
            }
        }
    }

    public void setSecrets(Secrets secrets) { this.secrets = secrets; }
    public void setSettings(SyncSettings settings) { this.settings = settings; }
    public void setClient(DgraphHttpClient client) { this.client = client; }
}
