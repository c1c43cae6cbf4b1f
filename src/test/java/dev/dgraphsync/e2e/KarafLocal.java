package dev.dgraphsync.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Apache Karaf run by {@code bin/karaf-local} in a folder of its own, its ports (shell, JMX) moved by an
 * offset so that suites side by side on one machine never meet.
 */
final class KarafLocal {

    private static final Pattern NUMBER_LINE = Pattern.compile("(?m)^\\s*(\\d+)\\s*$");

    final Path home;
    private final Map<String, String> env;

    KarafLocal(Path home, int portOffset) {
        this.home = home.toAbsolutePath();
        this.env = Map.of("KARAF_LOCAL_HOME", this.home.toString(),
                "KARAF_SSH_PORT", String.valueOf(8101 + portOffset),
                "KARAF_RMI_REGISTRY_PORT", String.valueOf(1099 + portOffset),
                "KARAF_RMI_SERVER_PORT", String.valueOf(44444 + portOffset));
    }

    /** Karaf's own folder (etc/, data/log/karaf.log…). */
    Path karaf() {
        return home.resolve("karaf");
    }

    /** A fresh Karaf: the one before, if any, deleted; then bin/karaf-local install. */
    void installFresh() throws Exception {
        if (Files.exists(karaf())) {
            try (var paths = Files.walk(karaf())) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        script("install");
    }

    /** bin/karaf-local COMMAND, its output on the test's; fails when it does. */
    void script(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/karaf-local", command).inheritIO();
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("bin/karaf-local " + command + " failed (see its output above)");
        }
    }

    /** Karaf shell commands through bin/karaf-local client; fails on a command's error. */
    String client(String... commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("client"));
        args.addAll(List.of(commands));
        return run(args.toArray(String[]::new));
    }

    /** A query on the feature's warehouse DataSource, through Karaf's jdbc:query (bin/karaf-local sql). */
    String sql(String query) throws Exception {
        return run("sql", query);
    }

    /** The one number a COUNT query answers through {@link #sql}; -1 while it cannot be asked (no tables yet). */
    long count(String query) {
        try {
            Matcher m = NUMBER_LINE.matcher(sql(query));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private String run(String... scriptArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("bin/karaf-local"));
        args.addAll(List.of(scriptArgs));
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
