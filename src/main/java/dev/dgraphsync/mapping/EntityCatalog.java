package dev.dgraphsync.mapping;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The entities a user has defined: one YAML file per entity in a folder ({@code config/entities} by default).
 * Loaded and checked once at start, so a mistake in any file stops the program before anything is written.
 */
public class EntityCatalog {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private String directory = "config/entities";
    private SyncSettings settings;
    private volatile boolean loaded;
    private final Map<String, EntitySpec> entities = new LinkedHashMap<>();
    private final Map<String, Path> sources = new LinkedHashMap<>();
    private final Set<String> routed = ConcurrentHashMap.newKeySet();

    /** A catalog of the files in this folder (a path, or {@code classpath:NAME}). */
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    /** The folder {@code dgraph.sync.entities-dir} names, read the first time an entity is asked for. */
    public void setSettings(SyncSettings settings) {
        this.settings = settings;
    }

    public String getDirectory() {
        return directory;
    }

    /** Reads the folder the first time an entity is asked for. */
    private void loaded() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    load();
                }
            }
        }
    }

    /**
     * Reads every {@code *.yaml} file of the folder; the file's base name is the entity's name unless it says one. A
     * folder {@code classpath:NAME} is read from the class path (the jar's own {@code classpath:dgraph-sync/entities}).
     */
    public synchronized EntityCatalog load() {
        if (settings != null) {
            directory = settings.text(Setting.ENTITIES_DIR);
        }
        if (directory.startsWith("classpath:")) {
            String name = directory.substring("classpath:".length()).replaceAll("^/+|/+$", "");
            java.net.URL url = EntityCatalog.class.getClassLoader().getResource(name);
            if (url == null) {
                throw new EntitySpecException("dgraph.sync.entities-dir: '" + directory + "' is not on the class path");
            }
            try {
                if (url.getProtocol().equals("jar")) {
                    java.net.URI jar = url.toURI();
                    try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(jar, Map.of())) {
                        return load(fs.getPath(name));
                    } catch (java.nio.file.FileSystemAlreadyExistsException open) {
                        return load(java.nio.file.FileSystems.getFileSystem(jar).getPath(name));
                    }
                }
                return load(Path.of(url.toURI()));
            } catch (java.net.URISyntaxException | IOException | RuntimeException e) {
                if (e instanceof EntitySpecException spec) {
                    throw spec;
                }
                throw new EntitySpecException("dgraph.sync.entities-dir: cannot read '" + directory + "' (" + url + "): "
                        + e.getMessage());
            }
        }
        return load(Path.of(directory));
    }

    private EntityCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new EntitySpecException("dgraph.sync.entities-dir: folder '" + dir.toAbsolutePath() + "' does not exist");
        }
        entities.clear();
        sources.clear();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                EntitySpec spec = read(file);
                if (entities.putIfAbsent(spec.name(), spec) != null) {
                    throw new EntitySpecException(file + ": entity '" + spec.name() + "' is defined twice");
                }
                for (EntitySpec other : entities.values()) {
                    if (other != spec && other.table().equalsIgnoreCase(spec.table())) {
                        throw new EntitySpecException(file + ": table: '" + spec.table() + "' is already the table of "
                                + sources.get(other.name()) + "; each entity needs a table of its own");
                    }
                }
                sources.put(spec.name(), file);
            }
        } catch (IOException e) {
            throw new EntitySpecException("dgraph.sync.entities-dir: cannot read '" + dir + "': " + e.getMessage());
        }
        loaded = true;
        return this;
    }

    private static EntitySpec read(Path file) {
        EntitySpec raw;
        try {
            try (java.io.InputStream in = Files.newInputStream(file)) {
                raw = YAML.readValue(in, EntitySpec.class);
            }
        } catch (UnrecognizedPropertyException e) {
            throw new EntitySpecException(file + ": unknown setting '" + e.getPropertyName() + "' near line "
                    + e.getLocation().getLineNr() + " (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            throw new EntitySpecException(file + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new EntitySpecException(file + ": " + e.getMessage());
        }
        if (raw == null) {
            throw new EntitySpecException(file + ": the file is empty; an entity needs type, table, key, cursor"
                    + " and columns (see config/entities/product.yaml)");
        }
        String name = raw.name() != null ? raw.name() : file.getFileName().toString().replaceFirst("\\.yaml$", "");
        return raw.named(name).validated(file.toString());
    }

    public EntitySpec get(String name) {
        loaded();
        EntitySpec spec = entities.get(name);
        if (spec == null) {
            throw new EntitySpecException("entity '" + name + "' is not defined in " + directory
                    + " (known: " + String.join(", ", entities.keySet()) + ")");
        }
        return spec;
    }

    /** The YAML file an entity was read from, for errors that should point at it. */
    public Path fileOf(EntitySpec entity) {
        return sources.getOrDefault(entity.name(), Path.of(directory, entity.name() + ".yaml"));
    }

    public boolean contains(String name) {
        loaded();
        return entities.containsKey(name);
    }

    /** Every entity defined, those whose file says {@code enabled: false} included. */
    public Collection<EntitySpec> defined() {
        loaded();
        return java.util.List.copyOf(entities.values());
    }

    /** The entities synced: every one defined, but those whose file says {@code enabled: false}. */
    public Collection<EntitySpec> all() {
        loaded();
        return entities.values().stream().filter(EntitySpec::enabled).toList();
    }

    /** A route that syncs this entity has been made: an entity no file defines is an {@link EntitySpecException}. */
    public void routed(String name) {
        routed.add(get(name).name());
    }

    /**
     * Throws when an entity has no route that syncs it: it would get a table and be reconciled, but never synced.
     * Asked once every route has been made.
     */
    public void requireEveryEntityRouted() {
        loaded();
        for (EntitySpec entity : entities.values()) {
            if (!routed.contains(entity.name())) {
                throw new EntitySpecException(fileOf(entity) + ": entity '" + entity.name() + "' has no templated route"
                        + " of sync-entity, so it would never be synced: add one to routes/entities.camel.yaml (see"
                        + " README, \"Adding an entity\"), or move the file out of " + directory);
            }
        }
    }

    /** For the routes: {@code ${bean:entityCatalog.entities}}, the entities synced. */
    public java.util.List<EntitySpec> getEntities() {
        return java.util.List.copyOf(all());
    }
}
