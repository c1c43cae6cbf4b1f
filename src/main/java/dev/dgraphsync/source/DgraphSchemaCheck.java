package dev.dgraphsync.source;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.mapping.EntitySpecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A start-up check: holds every entity YAML against Dgraph's live schema ({@link SchemaCheck}) before anything is
 * written: a problem stops the start, one line per entity file naming the setting and what Dgraph has instead
 * ({@code dgraph.sync.schema-check = warn} logs it instead). The edge targets are checked too when the GraphQL schema
 * can be read from {@code /admin}. A Dgraph that cannot be reached yet is not judged: each run checks its own entity
 * again ({@code EntitySchemaGuard}). Fields of a type that no column reads are logged, one line per type, so that a
 * field Dgraph gained is seen.
 */
public class DgraphSchemaCheck {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private Dgraph dgraph;
    private EntityCatalog catalog;
    private SyncSettings settings;

    public void check() {
        DgraphSchema schema;
        try {
            schema = DgraphSchema.read(dgraph);
        } catch (DgraphUnavailableException | DgraphRefusedException | DgraphQueryException unreadable) {
            LOG.warn("could not check the entities against Dgraph's schema yet ({}); each run checks its own",
                    unreadable.getMessage());
            return;
        }
        if (!schema.knowsTargets()) {
            LOG.info("the GraphQL schema could not be read from /admin: edge targets are not checked"
                    + " (dgraph.admin-token?)");
        }
        List<String> problems = new ArrayList<>();
        for (EntitySpec entity : catalog.all()) {
            List<String> wrong = SchemaCheck.problems(entity, schema);
            if (!wrong.isEmpty()) {
                problems.add(catalog.fileOf(entity) + ": " + String.join("; ", wrong));
            }
            List<String> notRead = SchemaCheck.unsynced(entity, schema);
            if (!notRead.isEmpty()) {
                LOG.info("{}: fields of {} that no column reads (not synced): {}", entity.name(), entity.type(),
                        String.join(", ", notRead));
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        if (settings.text(Setting.SCHEMA_CHECK).equals("fail")) {
            throw new EntitySpecException(String.join("\n", problems));
        }
        problems.forEach(p -> LOG.warn("does not fit Dgraph's schema: {}", p));
    }

    public void setDgraph(Dgraph dgraph) { this.dgraph = dgraph; }
    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setSettings(SyncSettings settings) { this.settings = settings; }
}
