package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dgraphsync.config.Secrets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.util.ObjectHelper;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.CertificateException;

/**
 * Sorts an HTTP answer from Dgraph into what can be retried and what cannot, right after the call, so that the
 * retry repeats the call: a 2xx answer goes on, to be unmarshalled by the route into a {@link JsonNode}; 429 and 5xx
 * and a 2xx body that is not a JSON object ({@link #checked}, {@link #notJson}) are {@link DgraphUnavailableException} (a {@code Retry-After} in seconds sets the wait before the next
 * try); any other status is {@link DgraphRefusedException}. A call that got no answer at all is sorted too
 * ({@link #noAnswer}): an I/O failure is transient, a certificate that is not trusted is not. Text of the answer that
 * may end up in an error (a body that is not data, Dgraph's error messages) is passed through {@link Secrets}, in
 * case a proxy echoes a credential.
 */
public class DgraphAnswer implements Processor {

    private long maxDelayMs = 60_000;
    private Secrets secrets = new Secrets();

    /** Sorts the answer by its status; a 2xx body is left for the route to unmarshal, then {@link #checked}. */
    @Override
    public void process(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        if (status == 429 || status >= 500) {
            retryAfter(exchange);
            throw new DgraphUnavailableException("HTTP " + status + " from Dgraph (/" + path(exchange) + "): "
                    + secrets.excerpt(exchange.getMessage().getBody(String.class)));
        }
        if (status >= 300) {
            throw new DgraphRefusedException("HTTP " + status + " from Dgraph (/" + path(exchange) + "): "
                    + secrets.excerpt(exchange.getMessage().getBody(String.class))
                    + (status == 401 || status == 403 ? " — check dgraph.api-key and dgraph.api-key-header" : ""));
        }
    }

    /** After the route unmarshalled a 2xx body: a JSON object is the answer; anything else is worth a retry. */
    public void checked(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof ObjectNode answer)) {
            throw new DgraphUnavailableException("Dgraph's answer (/" + path(exchange) + ") is empty or not a JSON object: "
                    + secrets.excerpt(body == null ? "" : body.toString()));
        }
        redactErrors(answer);
    }

    /** A 2xx body that is not JSON at all: cut off, or an error page of a proxy. Worth a retry. */
    public void notJson(Exchange exchange) {
        throw new DgraphUnavailableException("Dgraph's answer (/" + path(exchange) + ") is not JSON (cut off, or an error page): "
                + secrets.excerpt(exchange.getMessage().getBody(String.class)));
    }

    private static String path(Exchange exchange) {
        return exchange.getProperty(DgraphRequest.PATH, "query", String.class);
    }

    /** The call failed before any answer came: the exception it threw, sorted. */
    public void noAnswer(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String what = "no answer from Dgraph (/" + path(exchange) + "): " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + secrets.redact(failure.getMessage()));
        // A certificate that is not trusted (or not for this host) will not become trusted by retrying.
        if (ObjectHelper.getException(CertificateException.class, failure) != null
                || ObjectHelper.getException(SSLPeerUnverifiedException.class, failure) != null) {
            throw new DgraphRefusedException(what + " — check dgraph.trust-store", failure);
        }
        throw new DgraphUnavailableException(what, failure);
    }

    /** Camel's redelivery reads its next delay from this header when it is set. */
    private void retryAfter(Exchange exchange) {
        String value = exchange.getMessage().getHeader("Retry-After", String.class);
        if (value != null && value.strip().matches("\\d{1,6}")) {
            long ms = Math.min(Long.parseLong(value.strip()) * 1000, maxDelayMs);
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

    public void setSecrets(Secrets secrets) {
        this.secrets = secrets;
    }

    public void setMaxDelayMs(long maxDelayMs) {
        this.maxDelayMs = maxDelayMs;
    }
}
