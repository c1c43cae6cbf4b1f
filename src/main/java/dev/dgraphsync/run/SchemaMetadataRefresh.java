package dev.dgraphsync.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.SchemaTypeExtractor;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.warehouse.SchemaMetadataWriter;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;
import java.util.Map;

/**
 * The schema metadata run's work, on the admin API's {@code getGQLSchema} answer: one {@code schema_metadata} row
 * per type the user defined, with the fields no entity reads ({@link SchemaTypeExtractor}), written as a full refresh ({@link SchemaMetadataWriter}).
 */
public class SchemaMetadataRefresh implements Processor {

    private SchemaMetadataWriter writer;
    private EntityCatalog catalog;

    @Override
    public void process(Exchange exchange) {
        JobRun run = JobRun.of(exchange);
        String sdl = DgraphResponse.data(exchange.getMessage().getBody(JsonNode.class), "getGQLSchema", run.name())
                .path("schema").asText("");
        List<Map<String, Object>> types = SchemaTypeExtractor.rows(sdl, catalog.all());
        writer.write(types);
        run.wrote(types.size(), 0);
    }

    public void setCatalog(EntityCatalog catalog) {
        this.catalog = catalog;
    }

    public void setWriter(SchemaMetadataWriter writer) {
        this.writer = writer;
    }
}
