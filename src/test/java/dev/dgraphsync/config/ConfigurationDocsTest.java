package dev.dgraphsync.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting is declared once ({@link Setting}); everything else that names settings is held to that list: the
 * README's Configuration tables (made from it: a failure prints what to paste), the placeholders of the routes (no
 * default of their own) and the shipped configuration. And {@code camel run}'s dependencies are the build's.
 */
class ConfigurationDocsTest {

    private static final String BEGIN = "<!-- settings: made from dev.dgraphsync.config.Setting by ConfigurationDocsTest -->";
    private static final String END = "<!-- settings end -->";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{((?:dgraph|warehouse)\\.[a-z0-9.\\-]+)(:[^}]*)?}}");

    @Test
    void theReadmesConfigurationTablesAreTheListOfSettings() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md holds the block %s … %s", BEGIN, END).isNotNegative();
        String documented = readme.substring(begin + BEGIN.length(), end).strip();
        assertThat(documented).as("README.md's Configuration tables; paste this between the markers:%n%s", tables())
                .isEqualTo(tables());
    }

    @Test
    void theRoutesReadEverySettingWithoutADefaultOfTheirOwn() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(file));
                while (m.find()) {
                    assertThat(m.group(2)).as("%s: a default for %s, which Setting holds", file, m.group(1)).isNull();
                    found.add(m.group(1));
                }
            }
        }
        assertThat(found).isNotEmpty().allSatisfy(key -> assertThat(keys()).as("a setting").contains(key));
    }

    @Test
    void theShippedConfigurationSetsOnlySettingsThatExist() throws IOException {
        Properties shipped = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(in);
        }
        assertThat(shipped.stringPropertyNames()).filteredOn(key -> key.startsWith("dgraph.") || key.startsWith("warehouse."))
                .isNotEmpty().allSatisfy(key -> assertThat(keys()).as("a setting").contains(key));
    }

    /** {@code camel run} fetches the libraries the jar needs beside Camel's own from the beans file's //DEPS lines. */
    @Test
    void camelRunsDependenciesAreTheVersionsTheBuildUses() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Map<String, String> versions = new LinkedHashMap<>();
        Matcher property = Pattern.compile("<([a-z0-9.-]+)\\.version>([^<]+)<").matcher(pom);
        while (property.find()) {
            versions.put(property.group(1), property.group(2));
        }
        List<String> dependencies = Files.readAllLines(Path.of("routes/beans.camel.yaml")).stream()
                .filter(line -> line.startsWith("# //DEPS ")).map(line -> line.substring("# //DEPS ".length()).trim())
                .toList();
        assertThat(dependencies).contains("com.h2database:h2:" + versions.get("h2"),
                "com.zaxxer:HikariCP:" + versions.get("hikari"),
                "com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:" + versions.get("jackson"),
                "com.graphql-java:graphql-java:" + versions.get("graphql-java"),
                "io.micrometer:micrometer-registry-jmx:" + versions.get("micrometer"),
                "org.apache.camel:camel-kafka:" + versions.get("camel"), "org.apache.camel:camel-stream:" + versions.get("camel"));
    }

    private static List<String> keys() {
        return Arrays.stream(Setting.values()).map(Setting::key).toList();
    }

    /** A table per group of settings, in their order in {@link Setting}. */
    static String tables() {
        Map<String, StringBuilder> groups = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            if (setting.group() == null) {
                continue;
            }
            StringBuilder table = groups.computeIfAbsent(setting.group(), g -> new StringBuilder("**" + g + "**\n\n"
                    + "| Setting | Environment | Default | Meaning |\n|---|---|---|---|\n"));
            table.append("| `").append(setting.key()).append("` | `").append(setting.env()).append('`')
                    .append(setting.envAlias() == null ? "" : " (or `" + setting.envAlias() + "`)")
                    .append(" | ").append(setting.defaultValue().isEmpty() ? "empty" : "`" + setting.defaultValue() + "`")
                    .append(" | ").append(setting.meaning()).append(setting.secret() ? "; never logged" : "")
                    .append(" |\n");
        }
        return String.join("\n", groups.values().stream().map(StringBuilder::toString).toList()).strip();
    }
}
