package dev.dgraphsync.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.mapping.Row;
import dev.dgraphsync.mapping.RowExtractor;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a page's records into node rows and edge rows ({@link RowExtractor}), in record order, node first. Body in:
 * {@code List<JsonNode>}, emptied as it is read; body out: {@link PageRows}, which the route splits. A record that
 * cannot be read (a value of the wrong type, an id of unexpected form) is skipped with one logged reason and counted
 * in {@code sync_run.rows_skipped}; it never stops the others.
 */
public class RecordRows implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    @Override
    public void process(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        @SuppressWarnings("unchecked")
        List<JsonNode> records = exchange.getMessage().getBody(List.class);
        PageRows rows = new PageRows();
        List<Row> recordRows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            // taken out of the page, so that its JSON can be collected while the rest of the page is read into rows
            JsonNode record = records.set(i, null);
            recordRows.clear();
            try {
                RowExtractor.extract(run.entity(), record, recordRows);
                rows.addAll(recordRows);
            } catch (RuntimeException e) {
                run.recordSkipped();
                LOG.warn("{}: skipped record {}: {}", run.name(), record.path("uid").asText("without uid"), e.getMessage());
            }
        }
        exchange.getMessage().setBody(rows);
    }
}
