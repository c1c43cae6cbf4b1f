package dev.dgraphsync.source;

import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.Secrets;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.mapping.EntitySpecException;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.OnCamelContextStarting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds every entity YAML against Dgraph's live schema at start ({@link SchemaCheck}), before anything is written:
 * a problem stops the start, one line per entity file naming the setting and what Dgraph has instead. The edge
 * targets are checked too when the GraphQL schema can be read from {@code /admin}. A Dgraph that cannot be reached
 * yet is not judged: each run checks its own entity again ({@code checkEntitySchema}).
 *
 * <p>Fields of a type that no column reads are logged once as Camel starts, one line per type, so that a field
 * Dgraph gained is seen.
 */
public class DgraphSchemaCheck implements OnCamelContextStarting {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private DgraphHttpClient client;
    private EntityCatalog catalog;
    private Secrets secrets = new Secrets();
    private boolean enforce = true;
    private final Map<EntitySpec, List<String>> unsynced = new LinkedHashMap<>();

    /** Bean init. */
    public void check() {
        DgraphSchema schema = read();
        if (schema == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (EntitySpec entity : catalog.all()) {
            List<String> wrong = SchemaCheck.problems(entity, schema);
            if (!wrong.isEmpty()) {
                problems.add(catalog.fileOf(entity) + ": " + String.join("; ", wrong));
            }
            List<String> notRead = SchemaCheck.unsynced(entity, schema);
            if (!notRead.isEmpty()) {
                unsynced.put(entity, notRead);
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        if (enforce) {
            throw new EntitySpecException(String.join("\n", problems));
        }
        problems.forEach(p -> LOG.warn("does not fit Dgraph's schema: {}", p));
    }

    /** The live schema, or null when Dgraph cannot tell it yet. */
    private DgraphSchema read() {
        try {
            DgraphSchema schema = DgraphSchema.read(client);
            if (!schema.knowsTargets()) {
                LOG.info("the GraphQL schema could not be read from /admin: edge targets are not checked"
                        + " (dgraph.admin-token?)");
            }
            return schema;
        } catch (IOException unreachable) {
            LOG.warn("could not check the entities against Dgraph's schema yet ({}); each run checks its own",
                    secrets.redact(String.valueOf(unreachable.getMessage())));
            return null;
        }
    }

    @Override
    public void onContextStarting(CamelContext context) {
        unsynced.forEach((entity, fields) -> LOG.info("{}: fields of {} that no column reads (not synced): {}",
                entity.name(), entity.type(), String.join(", ", fields)));
    }

    public void setClient(DgraphHttpClient client) { this.client = client; }
    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setSecrets(Secrets secrets) { this.secrets = secrets; }
    /** {@code fail} (the default) stops the start on a problem; {@code warn} logs it and goes on. */
    public void setMode(String mode) {
        if (!mode.equals("fail") && !mode.equals("warn")) {
            throw new InvalidSettingException("dgraph.sync.schema-check", "'" + mode + "' is not fail or warn");
        }
        this.enforce = mode.equals("fail");
    }
}
