package dev.dgraphsync.cli;

import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.source.DgraphRefusedException;
import dev.dgraphsync.source.DgraphAnswer;
import dev.dgraphsync.source.DgraphUnavailableException;
import dev.dgraphsync.source.DgraphSchema;
import dev.dgraphsync.source.EntityDiscovery;
import org.apache.camel.spi.Registry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code discover [TYPE...] [--write]}: reads Dgraph's live schema and drafts an entity YAML for each type (all of
 * the user's by default) with the templated route that syncs it ({@link EntityDiscovery}). Printed, or with
 * {@code --write} put into the entities folder and the routes folder's {@code entities.camel.yaml}; an entity that
 * exists (a file of that name, or an entity of that type) is never overwritten.
 */
final class Discover {

    private final Registry registry;
    private final Path routesFile;
    private final PrintStream out;

    Discover(Registry registry, String routesPattern, PrintStream out) {
        this.registry = registry;
        this.routesFile = routesFolder(routesPattern).resolve("entities.camel.yaml");
        this.out = out;
    }

    int run(List<String> args) throws IOException {
        boolean write = args.remove("--write");
        DgraphSchema schema;
        try {
            schema = DgraphSchema.read(registry.lookupByNameAndType("dgraphAnswer", DgraphAnswer.class));
        } catch (DgraphUnavailableException | DgraphRefusedException e) {
            throw new InvalidSettingException("dgraph.url", "Dgraph's schema cannot be read (" + e.getMessage() + ")");
        }
        List<String> types = args.isEmpty() ? schema.typeNames() : List.copyOf(args);
        for (String type : types) {
            if (!schema.hasType(type)) {
                throw new InvalidSettingException("discover", "'" + type + "' is not a type in Dgraph's schema (its types: "
                        + String.join(", ", schema.typeNames()) + ")");
            }
        }
        EntityCatalog catalog = registry.lookupByNameAndType("entityCatalog", EntityCatalog.class);
        for (String type : types) {
            String entity = EntityDiscovery.entityName(type);
            String yaml = EntityDiscovery.entityYaml(schema, type);
            Path file = Path.of(catalog.getDirectory()).resolve(entity + ".yaml");
            if (!write) {
                out.println("# ---- " + file + "\n" + yaml + "# ---- its route, in " + routesFile + ":\n"
                        + EntityDiscovery.routeYaml(entity));
                continue;
            }
            String existing = catalog.defined().stream().filter(e -> e.type().equals(type) || e.name().equals(entity))
                    .map(e -> catalog.fileOf(e).toString()).findFirst()
                    .orElse(Files.exists(file) ? file.toString() : null);
            if (existing != null) {
                out.println("dgraph-sync: " + type + ": " + existing + " exists, left as it is");
                continue;
            }
            Files.writeString(file, yaml, StandardOpenOption.CREATE_NEW);
            String routes = Files.exists(routesFile) ? Files.readString(routesFile) : "";
            Files.writeString(routesFile, (routes.isEmpty() || routes.endsWith("\n") ? "" : "\n")
                    + "\n# " + type + ", added by `bin/dgraph-sync discover --write`.\n" + EntityDiscovery.routeYaml(entity),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            out.println("dgraph-sync: " + type + ": wrote " + file + " and its route in " + routesFile
                    + "; it is synced from the next start");
        }
        return 0;
    }

    /** The folder of the route files: {@code file:routes/*.camel.yaml} → {@code routes}. */
    static Path routesFolder(String pattern) {
        String first = pattern.split(",")[0].trim();
        if (!first.startsWith("file:")) {
            throw new InvalidSettingException("--routes", "discover writes routes into a folder: give a file: pattern,"
                    + " not '" + first + "'");
        }
        Path path = Path.of(first.substring("file:".length()));
        return path.getFileName().toString().contains("*") ? path.getParent() : path;
    }
}
