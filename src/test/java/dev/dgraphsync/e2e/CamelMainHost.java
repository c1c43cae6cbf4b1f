package dev.dgraphsync.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Camel Main application of a user's own, in a folder: its pom depends on the jar as {@code mvn install} puts it in
 * the local repository; it runs {@code org.apache.camel.main.Main} on that class path, with its {@code resources}
 * folder (its application.properties) first.
 */
final class CamelMainHost {

    static final String VERSION = "0.1.0-SNAPSHOT";

    private CamelMainHost() {
    }

    /** The host's pom written in {@code host}, the jar installed; the command that starts the host there. */
    static ProcessBuilder project(Path host) throws Exception {
        maven(Path.of("."), "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
                "-Dfile=target/dgraph-sync-" + VERSION + ".jar", "-DpomFile=pom.xml");
        Files.writeString(host.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>catalog-host</artifactId>
                  <version>1</version>
                  <dependencies>
                    <dependency>
                      <groupId>dev.dgraphsync</groupId>
                      <artifactId>dgraph-sync</artifactId>
                      <version>%s</version>
                    </dependency>
                    <dependency>
                      <groupId>org.slf4j</groupId>
                      <artifactId>slf4j-simple</artifactId>
                      <version>2.0.17</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(VERSION));
        maven(host, "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                "-Dmdep.outputFile=classpath.txt");
        Path resources = Files.createDirectories(host.resolve("resources"));
        String classPath = resources + File.pathSeparator + Files.readString(host.resolve("classpath.txt")).trim();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", classPath, "org.apache.camel.main.Main").directory(host.toFile());
    }

    private static void maven(Path dir, String... goal) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-ntp"));
        command.addAll(List.of(goal));
        Process mvn = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(mvn.getInputStream().readAllBytes());
        assertThat(mvn.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(mvn.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
