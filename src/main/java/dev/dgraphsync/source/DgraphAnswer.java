package dev.dgraphsync.source;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * retry repeats the call: 2xx with a JSON body becomes the body ({@link JsonNode}); 429 and 5xx and an unreadable
 * 2xx body are {@link DgraphUnavailableException} (a {@code Retry-After} in seconds sets the wait before the next
 * try); any other status is {@link DgraphRefusedException}. A call that got no answer at all is sorted too
 * ({@link #noAnswer}): an I/O failure is transient, a certificate that is not trusted is not. Text of the answer that
 * may end up in an error (a body that is not data, Dgraph's error messages) is passed through {@link Secrets}, in
 * case a proxy echoes a credential.
 */
public class DgraphAnswer implements Processor {

    private long maxDelayMs = 60_000;
    private Secrets secrets = new Secrets();

    @Override
    public void process(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String path = exchange.getProperty(DgraphRequest.PATH, "query", String.class);
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        if (status == 429 || status >= 500) {
            retryAfter(exchange);
            throw new DgraphUnavailableException("HTTP " + status + " from Dgraph (/" + path + "): " + secrets.excerpt(body));
        }
        if (status >= 300) {
            throw new DgraphRefusedException("HTTP " + status + " from Dgraph (/" + path + "): " + secrets.excerpt(body)
                    + (status == 401 || status == 403 ? " — check dgraph.api-key and dgraph.api-key-header" : ""));
        }
        try {
            JsonNode answer = DgraphResponse.JSON.readTree(body == null ? "" : body);
            if (answer == null || !answer.isObject()) {
                throw new DgraphUnavailableException("Dgraph's answer (/" + path + ") is empty or not a JSON object: "
                        + secrets.excerpt(body));
            }
            redactErrors(answer);
            exchange.getMessage().setBody(answer);
        } catch (JsonProcessingException e) {
            throw new DgraphUnavailableException("Dgraph's answer (/" + path + ") is not JSON (cut off, or an error page): "
                    + secrets.excerpt(body));
        }
    }

    /** The call failed before any answer came: the exception it threw, sorted. */
    public void noAnswer(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String path = exchange.getProperty(DgraphRequest.PATH, "query", String.class);
        String what = "no answer from Dgraph (/" + path + "): " + failure.getClass().getSimpleName()
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
