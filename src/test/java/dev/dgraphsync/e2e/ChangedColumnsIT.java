package dev.dgraphsync.e2e;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A column added to an entity's YAML is filled for the rows already synced: the entity's next run reads every node
 * again (its rows were written without it) and says so, in a {@code once} and in a long-lived {@code run} alike; then
 * {@code verify} finds the warehouse equal.
 */
@ExtendWith(RealDgraph.class)
class ChangedColumnsIT {

    private static final String EMAIL = "  - { name: email, field: email, type: TEXT }\n";

    @TempDir
    Path dir;

    @Test
    void aColumnAddedToAnEntityIsFilledForEveryRowAlreadySyncedByTheNextOnce() throws Exception {
        RealDgraph.freshSample(30);
        Path entities = entitiesWithoutUserEmail();
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.entities-dir", entities.toString());
        assertThat(sync.once()).isZero();
        long users = sync.rows().count("SELECT COUNT(*) FROM app_user");
        assertThat(users).isPositive();

        addUserEmail(entities);
        SyncRunner.Outcome next = sync.onceAsProcess(Map.of());

        assertThat(next.exit()).as(next.output()).isZero();
        assertThat(next.output()).contains("user: its rows were written with other columns or edges (added"
                + " email=email:TEXT): every node is read again");
        assertThat(sync.rows().count("SELECT COUNT(*) FROM app_user WHERE email IS NOT NULL"))
                .as("every user's email, though no user changed").isEqualTo(usersWithEmail()).isPositive();
        assertThat(sync.rows().query("SELECT rows_written FROM sync_run WHERE entity = 'user' ORDER BY started_at"))
                .extracting(r -> ((Number) r.get("rows_written")).longValue()).containsExactly(users, users);
        assertThat(sync.verify()).isZero();
    }

    @Test
    void aLongLivedRunStartedWithTheNewColumnFillsItToo() throws Exception {
        RealDgraph.freshSample(20);
        Path entities = entitiesWithoutUserEmail();
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.entities-dir", entities.toString())
                .set("dgraph.sync.schedule", "0 0 0 1 1 ? 2099");
        JobKey user = JobKey.jobKey("user", "dgraph-sync");
        Main main = sync.start();
        try {
            SyncRunner.quartz(main).triggerJob(user);
            sync.awaitRunsEnded("user", 1);
        } finally {
            SyncRunner.stopWhenJobsEnded(main);
        }

        addUserEmail(entities);
        main = sync.start();
        try {
            SyncRunner.quartz(main).triggerJob(user);
            sync.awaitRunsEnded("user", 2);
        } finally {
            SyncRunner.stopWhenJobsEnded(main);
        }

        assertThat(sync.rows().count("SELECT COUNT(*) FROM app_user WHERE email IS NOT NULL"))
                .isEqualTo(usersWithEmail()).isPositive();
        assertThat(sync.verify("user")).isZero();
    }

    /** The users Dgraph has an email for (not every sample user has one). */
    private static long usersWithEmail() throws Exception {
        long with = 0;
        for (var user : RealDgraph.graphql("{ queryUser { email } }", null).path("queryUser")) {
            with += user.path("email").isTextual() ? 1 : 0;
        }
        return with;
    }

    /** A copy of the shipped entities whose user file lacks the email column. */
    private Path entitiesWithoutUserEmail() throws Exception {
        Path entities = Files.createDirectories(dir.resolve("entities"));
        try (Stream<Path> files = Files.list(Path.of("config/entities"))) {
            for (Path file : files.toList()) {
                Files.copy(file, entities.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path user = entities.resolve("user.yaml");
        String yaml = Files.readString(user);
        assertThat(yaml).contains(EMAIL);
        Files.writeString(user, yaml.replace(EMAIL, ""));
        return entities;
    }

    private static void addUserEmail(Path entities) throws Exception {
        Path user = entities.resolve("user.yaml");
        List<String> lines = Files.readAllLines(user);
        int at = lines.indexOf("columns:") + 1;
        lines.add(at, EMAIL.stripTrailing());
        Files.write(user, lines);
    }
}
