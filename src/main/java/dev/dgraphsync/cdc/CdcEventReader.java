package dev.dgraphsync.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dgraphsync.source.CdcEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A message of {@code dgraph.cdc.endpoint}, unmarshalled (a map: a type named in the route's YAML would be loaded by
 * the data format's bundle in Karaf, which cannot see Jackson's tree), into its {@link CdcEvent}; counted.
 */
public class CdcEventReader implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CdcListener listener = CdcListener.NONE;

    @Override
    public void process(Exchange exchange) {
        Object message = exchange.getMessage().getBody();
        exchange.getMessage().setBody(CdcEvent.of(message instanceof JsonNode json ? json : JSON.valueToTree(message)));
        listener.eventRead();
    }

    public void setListener(CdcListener listener) { this.listener = listener; }
}
