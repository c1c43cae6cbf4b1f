package dev.dgraphsync.config;

import org.quartz.CronExpression;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every setting of dgraph-sync, each declared once, as a Kamelet declares its parameters: its key, its default, its
 * check and what it means. Everything else asks here: {@link SyncSettings} resolves the values (environment
 * variable, then the host's properties, then this default), the routes read them as placeholders without a default
 * of their own, and the README's Configuration table is this list ({@code SettingsTableTest} holds them equal).
 *
 * <p>An environment variable named after the key (upper case, {@code .} and {@code -} as {@code _}: {@code dgraph.url}
 * → {@code DGRAPH_URL}) overrides any file, as Camel's properties do for every key.
 */
public enum Setting {

    DGRAPH_URL("dgraph.url", "http://127.0.0.1:8080", Check.DGRAPH_URL, "Dgraph", "the Dgraph alpha's base URL"
            + " (`http://` or `https://`). A URL ending in `/graphql`, `/query` or `/admin`, as the spec gives it, is taken"
            + " as the base it belongs to"),
    API_KEY("dgraph.api-key", "", Check.SECRET, "Dgraph", "API key or token of a hosted Dgraph, sent on every"
            + " request in the header below; a key Dgraph refuses stops the start (exit 2)"),
    API_KEY_HEADER("dgraph.api-key-header", "X-Auth-Token", Check.HEADER_NAME, "Dgraph",
            "the header that carries the API key: `X-Auth-Token` (the spec's) or `Dg-Auth`"),
    ADMIN_TOKEN("dgraph.admin-token", "", Check.SECRET, "Dgraph", "admin token of a self-hosted cluster"
            + " (`--security \"token=…\"`), sent as `X-Dgraph-AuthToken` on `/admin` requests only (schema metadata)"),
    ACL_USER("dgraph.acl-user", "", Check.TEXT, "Dgraph", "Dgraph ACL user (`--acl \"secret-file=…\"`): the"
            + " connector logs in, sends `X-Dgraph-AccessToken` and refreshes it before it expires. Empty: no ACL"),
    ACL_PASSWORD("dgraph.acl-password", "", Check.SECRET, "Dgraph", "its password; a wrong one stops the start"
            + " (exit 2)"),
    ACL_NAMESPACE("dgraph.acl-namespace", "0", Check.atLeast(0), "Dgraph", "the namespace to log in to"),
    TRUST_STORE("dgraph.trust-store", "", Check.TEXT, "Dgraph", "for `https://` with a private CA: a trust store"
            + " file (PKCS12 or JKS). Empty: the JVM's trust store. An untrusted certificate fails at once (no retry)"),
    TRUST_STORE_PASSWORD("dgraph.trust-store-password", "", Check.SECRET, "Dgraph", "its password"),
    TRUST_STORE_TYPE("dgraph.trust-store-type", "PKCS12", Check.TEXT, "Dgraph", "its type: `PKCS12` or `JKS`"),
    CONNECT_TIMEOUT_MS("dgraph.connect-timeout-ms", "10000", Check.atLeast(1), "Dgraph",
            "milliseconds to wait for a connection to Dgraph"),
    RESPONSE_TIMEOUT_MS("dgraph.response-timeout-ms", "30000", Check.atLeast(1), "Dgraph",
            "milliseconds to wait for an answer, or between two of its packets"),
    MAX_RETRIES("dgraph.retry.max-retries", "5", Check.atLeast(0), "Dgraph", "retries of a transient Dgraph"
            + " failure (HTTP 5xx or 429, a refused or reset connection, a timeout, an answer cut off); 400, 401, 403"
            + " and Dgraph's own errors are never retried"),
    INITIAL_DELAY_MS("dgraph.retry.initial-delay-ms", "2000", Check.atLeast(0), "Dgraph",
            "the first retry's delay; a `Retry-After` sets it, up to the longest delay"),
    BACKOFF_MULTIPLIER("dgraph.retry.backoff-multiplier", "2", Check.MULTIPLIER, "Dgraph",
            "each further retry waits this many times longer"),
    MAX_DELAY_MS("dgraph.retry.max-delay-ms", "60000", Check.atLeast(0), "Dgraph", "the longest delay between retries"),

    DATASOURCE_NAME("warehouse.datasource-name", "", Check.TEXT, "Warehouse", "a DataSource the host already has"
            + " (a bean of that name in Camel's registry; in Karaf, the pax-jdbc DataSource service with that"
            + " `dataSourceName`, `dgraphsync` by default there), used instead of a pool on `warehouse.jdbc-url` and never"
            + " closed by the connector"),
    JDBC_URL("warehouse.jdbc-url", "jdbc:h2:file:./data/warehouse", Check.JDBC_URL, "Warehouse", "H2 (the"
            + " default, an embedded file) or PostgreSQL 15+; any plain URL does. On H2 the connector sets up its own"
            + " connections (`SET NON_KEYWORDS` for names such as the spec's column `attribute.value`) and the database"
            + " (`SET WRITE_DELAY 0`: each commit on disk when it returns)"),
    USER("warehouse.user", "sa", Check.TEXT, "Warehouse", "the warehouse user"),
    PASSWORD("warehouse.password", "", Check.SECRET, "Warehouse", "its password"),
    POOL_SIZE("warehouse.pool-size", "8", Check.atLeast(1), "Warehouse", "connections in the HikariCP pool: every"
            + " entity's run writes on one of its own, and the reconciliation and the schema metadata run beside them"),
    WAREHOUSE_CONNECT_TIMEOUT_MS("warehouse.connect-timeout-ms", "10000", Check.atLeast(250), "Warehouse",
            "milliseconds to wait for a warehouse connection"),
    START_TIMEOUT_SECONDS("warehouse.start-timeout-seconds", "30", Check.atLeast(0), "Warehouse", "at start, a"
            + " warehouse that cannot be reached yet (an H2 file another program holds for a moment, a PostgreSQL still"
            + " starting) is tried again for this long before exit 2; a wrong password or database is not"),

    ENTITIES_DIR("dgraph.sync.entities-dir", "classpath:dgraph-sync/entities", Check.TEXT, "Sync", "the folder"
            + " with one YAML file per synced entity (`config/entities` in the shipped configuration; the jar's own"
            + " entities when unset)"),
    SCHEMA_CHECK("dgraph.sync.schema-check", "fail", Check.oneOf("fail", "warn"), "Sync", "each entity file is"
            + " held against Dgraph's live schema at start: `fail` stops the start on a misfit (exit 2, naming file and"
            + " setting), `warn` logs it and goes on"),
    PAGE_SIZE("dgraph.sync.page-size", "10000", Check.atLeast(1), "Sync", "records per Dgraph page (a run's first"
            + " page holds one batch, so writing starts sooner)"),
    CHECKPOINT_INTERVAL("dgraph.sync.checkpoint-interval", "1000", Check.atLeast(1), "Sync",
            "records per warehouse transaction; the checkpoint moves with each"),
    BATCHES_IN_FLIGHT("dgraph.sync.batches-in-flight", "10", Check.atLeast(1), "Sync", "batches of a run handed"
            + " to the warehouse and not yet committed: after each page the reading waits until fewer are left"),
    LOOKBACK_SECONDS("dgraph.sync.lookback-seconds", "300", Check.atLeast(0), "Sync",
            "seconds re-read before the last pass's start: clock skew and timestamps that commit late"),
    UNSTAMPED_FULL_LOOKUP_MINUTES("dgraph.sync.unstamped-full-lookup-minutes", "60", Check.atLeast(0), "Sync",
            "how often a run looks for nodes without a cursor value across the whole type; in between, only among"
            + " the nodes made since (kept in `sync_unstamped`). 0: on every run"),
    SCHEDULE("dgraph.sync.schedule", "0 0/5 * * * ?", Check.CRON, "Sync", "Quartz cron of every entity's run (an"
            + " entity file or a templated route may set its own `schedule`)"),
    SCHEMA_SCHEDULE("dgraph.sync.schema-schedule", "0 0 * * * ?", Check.CRON, "Sync",
            "Quartz cron of the schema metadata refresh"),
    RECONCILE_SCHEDULE("dgraph.sync.reconcile-schedule", "0 30 * * * ?", Check.CRON, "Sync", "Quartz cron of the"
            + " deletes reconciliation (a `once` runs it when this has come round since it last succeeded)"),
    RECONCILE_PAGE_SIZE("dgraph.sync.reconcile-page-size", "10000", Check.atLeast(1), "Sync",
            "uids per page of the reconciliation's id scan"),
    VERIFY_ENABLED("dgraph.sync.verify-enabled", "false", Check.BOOLEAN, "Verify",
            "hold the warehouse against Dgraph on a schedule too, each entity's result in `sync_verify`"),
    VERIFY_SCHEDULE("dgraph.sync.verify-schedule", "0 15 3 * * ?", Check.CRON, "Verify",
            "Quartz cron of the scheduled verification"),
    METRICS_JMX("dgraph.sync.metrics-jmx", "true", Check.BOOLEAN, "Observe",
            "the meters in JMX too (domain `dgraph-sync`)"),
    MAX_STALENESS_MINUTES("dgraph.sync.health.max-staleness-minutes", "60", Check.atLeast(0), "Observe",
            "the `freshness` health check is DOWN when an entity has had no successful run for this long; 0: never",
            "DGRAPH_SYNC_MAX_STALENESS_MINUTES"),
    CDC_ENDPOINT("dgraph.cdc.endpoint", "", Check.TEXT, "Changes in seconds (CDC)", "a Camel endpoint that yields"
            + " Dgraph's change data capture events, one JSON event per message or line: `kafka:dgraph-cdc?brokers=HOST:PORT`"
            + " (the alpha started with `--cdc kafka=HOST:PORT`) or `stream:file?fileName=DIR/sink.log&scanStream=true&scanStreamDelay=100&retry=true`"
            + " (`--cdc file=DIR`); each change is read again within seconds. Empty: only the scheduled runs"),
    CDC_WINDOW_MS("dgraph.cdc.window-ms", "1000", Check.atLeast(50), "Changes in seconds (CDC)", "how long the"
            + " changed nodes are collected before their entities' runs read them again (or until "
            + "`dgraph.cdc.window-uids` are)"),
    CDC_WINDOW_UIDS("dgraph.cdc.window-uids", "1000", Check.atLeast(1), "Changes in seconds (CDC)",
            "changed nodes that close a window at once"),
    CDC_MAX_LAG_SECONDS("dgraph.cdc.health.max-lag-seconds", "120", Check.atLeast(0), "Changes in seconds (CDC)",
            "the `cdc` health check is DOWN when a change read from CDC has waited this long to reach the warehouse; 0: never"),
    CLUSTER_ENABLED("dgraph.cluster.enabled", "false", Check.BOOLEAN, "Instances", "the instances that share this"
            + " warehouse share one scheduler (Quartz's clustered job store in the warehouse database): each firing of a"
            + " job runs on one of them, and the jobs of one that stops go to the others. Off: every instance runs every"
            + " job on its own timers (a run that a newer one claims past is fenced either way)"),
    CLUSTER_CHECKIN_INTERVAL_MS("dgraph.cluster.checkin-interval-ms", "5000", Check.atLeast(500), "Instances",
            "how often an instance tells the others it is alive; one silent for longer is taken for dead and its jobs"
            + " are taken over"),
    INSTANCE_ID("dgraph.cluster.instance-id", "", Check.TEXT, "Instances", "this instance's name in `sync_run`"
            + " and the scheduler; empty: its host name and process id"),
    ONCE("dgraph.sync.once", "false", Check.BOOLEAN, null, "set by `bin/dgraph-sync once`: every job runs one time");

    private final String key;
    private final String defaultValue;
    private final Check check;
    private final String group;
    private final String meaning;
    private final String envAlias;

    Setting(String key, String defaultValue, Check check, String group, String meaning) {
        this(key, defaultValue, check, group, meaning, null);
    }

    Setting(String key, String defaultValue, Check check, String group, String meaning, String envAlias) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.check = check;
        this.group = group;
        this.meaning = meaning;
        this.envAlias = envAlias;
    }

    public String key() { return key; }
    public String defaultValue() { return defaultValue; }
    public String meaning() { return meaning; }
    /** The README's section of this setting; null for one that only the command line sets. */
    public String group() { return group; }
    public boolean secret() { return check == Check.SECRET; }

    /** The environment variable that overrides it (Camel's own rule: the key in upper case, {@code .-} as {@code _}). */
    public String env() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** An older name of its environment variable, still read (below a value in a file); null when none. */
    public String envAlias() { return envAlias; }

    /** Throws {@link InvalidSettingException} naming this setting when the value cannot work. */
    public void check(String value) {
        check.check(key, value);
    }

    public static List<Setting> secrets() {
        return Arrays.stream(values()).filter(Setting::secret).toList();
    }

    /** How a value is checked. */
    interface Check {
        void check(String setting, String value);

        Check TEXT = (setting, value) -> { };
        Check SECRET = (setting, value) -> { };
        Check BOOLEAN = oneOf("true", "false");
        Check CRON = Setting::cron;
        Check DGRAPH_URL = Setting::url;
        Check JDBC_URL = (setting, value) -> {
            if (!value.startsWith("jdbc:")) {
                throw new InvalidSettingException(setting, "'" + Secrets.maskUrlCredentials(value)
                        + "' is not a JDBC URL (jdbc:h2:…, jdbc:postgresql:…)");
            }
        };
        Check HEADER_NAME = (setting, value) -> {
            if (!value.matches("[A-Za-z0-9-]+")) {
                throw new InvalidSettingException(setting, "'" + value
                        + "' is not an HTTP header name (X-Auth-Token or Dg-Auth)");
            }
        };
        /** Camel's backoff multiplier: any number from 1 up (1.5 is fine). */
        Check MULTIPLIER = (setting, value) -> {
            double parsed;
            try {
                parsed = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(setting, "'" + value + "' is not a number");
            }
            if (!(parsed >= 1 && parsed <= 100)) {
                throw new InvalidSettingException(setting, value + " is not between 1 and 100");
            }
        };

        static Check atLeast(long min) {
            return (setting, value) -> {
                long parsed;
                try {
                    parsed = Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidSettingException(setting, "'" + value + "' is not a whole number");
                }
                if (parsed < min) {
                    throw new InvalidSettingException(setting, parsed + " is below the least allowed value, " + min);
                }
                if (parsed > Integer.MAX_VALUE) {
                    throw new InvalidSettingException(setting, parsed + " is above the largest allowed value, "
                            + Integer.MAX_VALUE);
                }
            };
        }

        static Check oneOf(String... choices) {
            return (setting, value) -> {
                if (!List.of(choices).contains(value.trim())) {
                    throw new InvalidSettingException(setting, "'" + value + "' is not " + String.join(" or ", choices));
                }
            };
        }
    }

    /** Throws {@link InvalidSettingException} naming the setting when the value is not a Quartz cron expression. */
    public static void cron(String setting, String value) {
        try {
            new CronExpression(value == null ? "" : value);
        } catch (java.text.ParseException e) {
            throw new InvalidSettingException(setting, "'" + value + "' is not a Quartz cron expression ("
                    + e.getMessage() + "), like 0 0/5 * * * ?");
        }
    }

    private static void url(String setting, String value) {
        if (value.isBlank()) {
            throw new InvalidSettingException(setting, "missing: the base URL of Dgraph, like http://localhost:8080");
        }
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            throw new InvalidSettingException(setting, "'" + value + "' must start with http:// or https://");
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null) {
                throw new InvalidSettingException(setting, "'" + value + "' has no host");
            }
            if (uri.getUserInfo() != null || uri.getQuery() != null) {
                throw new InvalidSettingException(setting, "must be a plain base URL, without credentials or query");
            }
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(setting, "'" + value + "' is not a URL: " + e.getReason());
        }
    }
}
