package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * A Dgraph request from Java (verify, discover) sent through the same {@code dgraph-request} route the sync's steps
 * use, with the same retries ({@code direct:dgraph-request-retried}, {@link DgraphRetries}): a fault is retried
 * exactly as in a sync, and what is left after the retries comes back as the sync would see it. The names here are the
 * exchange properties the route reads.
 */
public class DgraphRequest implements Dgraph, CamelContextAware {

    /** Exchange property: the Dgraph endpoint a request goes to, {@code query} (DQL) or {@code admin}. */
    public static final String PATH = "dgraphPath";
    /** Exchange property: the JSON request, sent again unchanged on every retry. */
    public static final String BODY = "dgraphRequest";
    static final String RETRIED = "direct:dgraph-request-retried";

    private CamelContext camelContext;
    private volatile ProducerTemplate template;

    @Override
    public JsonNode ask(String path, String body) {
        Exchange answer = template().send(RETRIED, exchange -> {
            exchange.setProperty(PATH, path.replaceFirst("^/", ""));
            exchange.setProperty(BODY, body);
        });
        if (answer.getException() != null) {
            throw answer.getException() instanceof RuntimeException r ? r
                    : new CamelExecutionException("a Dgraph request failed", answer, answer.getException());
        }
        return answer.getMessage().getBody(JsonNode.class);
    }

    private ProducerTemplate template() {
        if (template == null) {
            synchronized (this) {
                if (template == null) {
                    template = camelContext.createProducerTemplate();
                }
            }
        }
        return template;
    }

    @Override public void setCamelContext(CamelContext camelContext) { this.camelContext = camelContext; }
    @Override public CamelContext getCamelContext() { return camelContext; }
}
