package dev.dgraphsync.config;

import org.quartz.CronExpression;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks the settings of {@code config/application.properties} once, when the routes are loaded: a bad one stops
 * the program before anything is written, with a message naming it. Values arrive as text, so that a number that is
 * not one is reported here, by name, rather than as a bean-binding stack trace.
 */
public class SyncSettings {

    private String dgraphUrl;
    private String apiKeyHeader;
    private String connectTimeoutMs;
    private String responseTimeoutMs;
    private String maxRetries;
    private String initialDelayMs;
    private String backoffMultiplier;
    private String maxDelayMs;
    private String jdbcUrl;
    private String poolSize;
    private String warehouseConnectTimeoutMs;
    private String warehouseStartTimeoutSeconds = "30";
    private String maxStalenessMinutes = "0";
    private String pageSize;
    private String checkpointInterval;
    private String batchesInFlight;
    private String lookbackSeconds;
    private String schedule;
    private String schemaSchedule;
    private String reconcileSchedule;
    private String reconcilePageSize;
    private String unstampedFullLookupMinutes = "60";
    private String aclNamespace = "0";

    /** Throws {@link InvalidSettingException} for the first setting at fault. */
    public void validate() {
        url("dgraph.url", dgraphUrl);
        if (apiKeyHeader == null || !apiKeyHeader.matches("[A-Za-z0-9-]+")) {
            throw new InvalidSettingException("dgraph.api-key-header", "'" + apiKeyHeader
                    + "' is not an HTTP header name (X-Auth-Token or Dg-Auth)");
        }
        number("dgraph.connect-timeout-ms", connectTimeoutMs, 1);
        number("dgraph.response-timeout-ms", responseTimeoutMs, 1);
        number("dgraph.retry.max-retries", maxRetries, 0);
        number("dgraph.retry.initial-delay-ms", initialDelayMs, 0);
        multiplier("dgraph.retry.backoff-multiplier", backoffMultiplier);
        number("dgraph.retry.max-delay-ms", maxDelayMs, 0);
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new InvalidSettingException("warehouse.jdbc-url", "'" + Secrets.maskUrlCredentials(jdbcUrl) + "' is not a JDBC URL (jdbc:h2:…, jdbc:postgresql:…)");
        }
        number("warehouse.pool-size", poolSize, 1);
        number("warehouse.connect-timeout-ms", warehouseConnectTimeoutMs, 250);
        number("warehouse.start-timeout-seconds", warehouseStartTimeoutSeconds, 0);
        number("dgraph.sync.health.max-staleness-minutes", maxStalenessMinutes, 0);
        number("dgraph.sync.page-size", pageSize, 1);
        number("dgraph.sync.checkpoint-interval", checkpointInterval, 1);
        number("dgraph.sync.batches-in-flight", batchesInFlight, 1);
        number("dgraph.sync.lookback-seconds", lookbackSeconds, 0);
        cron("dgraph.sync.schedule", schedule);
        cron("dgraph.sync.schema-schedule", schemaSchedule);
        cron("dgraph.sync.reconcile-schedule", reconcileSchedule);
        number("dgraph.sync.reconcile-page-size", reconcilePageSize, 1);
        number("dgraph.sync.unstamped-full-lookup-minutes", unstampedFullLookupMinutes, 0);
        number("dgraph.acl-namespace", aclNamespace, 0);
    }

    private static void url(String setting, String value) {
        if (value == null || value.isBlank()) {
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

    private static void number(String setting, String value, long min) {
        long parsed;
        try {
            parsed = Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(setting, "'" + value + "' is not a whole number");
        }
        if (parsed < min) {
            throw new InvalidSettingException(setting, parsed + " is below the least allowed value, " + min);
        }
        if (parsed > Integer.MAX_VALUE) {
            throw new InvalidSettingException(setting, parsed + " is above the largest allowed value, " + Integer.MAX_VALUE);
        }
    }

    /** Camel's backoff multiplier: any number from 1 up (1.5 is fine). */
    private static void multiplier(String setting, String value) {
        double parsed;
        try {
            parsed = Double.parseDouble(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(setting, "'" + value + "' is not a number");
        }
        if (!(parsed >= 1 && parsed <= 100)) {
            throw new InvalidSettingException(setting, value + " is not between 1 and 100");
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

    public void setAclNamespace(String v) { aclNamespace = v; }
    public void setDgraphUrl(String v) { dgraphUrl = v; }
    public void setApiKeyHeader(String v) { apiKeyHeader = v; }
    public void setConnectTimeoutMs(String v) { connectTimeoutMs = v; }
    public void setResponseTimeoutMs(String v) { responseTimeoutMs = v; }
    public void setMaxRetries(String v) { maxRetries = v; }
    public void setInitialDelayMs(String v) { initialDelayMs = v; }
    public void setBackoffMultiplier(String v) { backoffMultiplier = v; }
    public void setMaxDelayMs(String v) { maxDelayMs = v; }
    public void setJdbcUrl(String v) { jdbcUrl = v; }
    public void setPoolSize(String v) { poolSize = v; }
    public void setWarehouseConnectTimeoutMs(String v) { warehouseConnectTimeoutMs = v; }
    public void setWarehouseStartTimeoutSeconds(String v) { warehouseStartTimeoutSeconds = v; }
    public void setMaxStalenessMinutes(String v) { maxStalenessMinutes = v; }
    public void setPageSize(String v) { pageSize = v; }
    public void setCheckpointInterval(String v) { checkpointInterval = v; }
    public void setBatchesInFlight(String v) { batchesInFlight = v; }
    public void setLookbackSeconds(String v) { lookbackSeconds = v; }
    public void setSchedule(String v) { schedule = v; }
    public void setSchemaSchedule(String v) { schemaSchedule = v; }
    public void setReconcileSchedule(String v) { reconcileSchedule = v; }
    public void setReconcilePageSize(String v) { reconcilePageSize = v; }
    public void setUnstampedFullLookupMinutes(String v) { unstampedFullLookupMinutes = v; }
}
