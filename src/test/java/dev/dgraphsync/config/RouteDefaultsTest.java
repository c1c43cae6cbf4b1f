package dev.dgraphsync.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes carry a default for every setting they read, so that a host that adds the jar sets only what differs
 * (dgraph.url, a warehouse); those defaults are the ones config/application.properties documents.
 */
class RouteDefaultsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{((?:dgraph|warehouse)\\.[a-z0-9.\\-]+)(?::([^}]*))?}}");
    private static final Pattern ENV = Pattern.compile("\\{\\{env:[A-Z_]+:(.*)}}");

    @Test
    void everySettingTheRoutesReadHasTheDefaultTheShippedConfigDocuments() throws IOException {
        Map<String, String> defaults = new TreeMap<>();
        Map<String, String> withoutDefault = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(file));
                while (m.find()) {
                    if (m.group(2) == null) {
                        withoutDefault.put(m.group(1), file.toString());
                    } else {
                        defaults.put(m.group(1), m.group(2));
                    }
                }
            }
        }
        Properties shipped = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(in);
        }
        Map<String, String> documented = new TreeMap<>();
        shipped.stringPropertyNames().forEach(key -> {
            Matcher env = ENV.matcher(shipped.getProperty(key));
            documented.put(key, env.matches() ? env.group(1) : shipped.getProperty(key));
        });

        assertThat(withoutDefault).as("settings the routes read without a default").isEmpty();
        assertThat(defaults).hasSizeGreaterThan(30);
        // The jar's own entities by default; the shipped config points at the folder beside it.
        assertThat(defaults.remove("dgraph.sync.entities-dir")).isEqualTo("classpath:dgraph-sync/entities");
        assertThat(documented.remove("dgraph.sync.entities-dir")).isEqualTo("config/entities");
        // Set by bin/dgraph-sync itself, not a user setting.
        assertThat(defaults.remove("dgraph.sync.once")).isEqualTo("false");
        defaults.forEach((key, value) -> assertThat(documented).as(key).containsEntry(key, value));
    }
}
