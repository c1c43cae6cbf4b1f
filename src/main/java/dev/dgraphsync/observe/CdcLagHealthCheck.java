package dev.dgraphsync.observe;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Duration;
import java.util.Map;

/**
 * Camel health check {@code dgraph-sync/cdc}: DOWN when a change read from change data capture has waited longer than
 * {@code dgraph.cdc.health.max-lag-seconds} to reach the warehouse. UP when CDC is off, or the limit is 0.
 */
public class CdcLagHealthCheck extends AbstractHealthCheck {

    private CdcMetrics metrics;
    private SyncSettings settings = SyncSettings.defaults();

    public CdcLagHealthCheck() {
        super("dgraph-sync", "cdc");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long limit = settings.number(Setting.CDC_MAX_LAG_SECONDS);
        if (settings.text(Setting.CDC_ENDPOINT).isBlank() || limit <= 0) {
            builder.up();
            return;
        }
        try {
            Duration lag = metrics.lag();
            builder.detail("lag.seconds", lag.toSeconds());
            if (lag.toSeconds() > limit) {
                builder.message("a change read from CDC has waited " + lag.toSeconds() + " s to reach the warehouse (more than "
                        + Setting.CDC_MAX_LAG_SECONDS.key() + " = " + limit + ")").down();
            } else {
                builder.up();
            }
        } catch (RuntimeException warehouseAway) {
            builder.message("the lag cannot be read: " + warehouseAway.getMessage()).down();
        }
    }

    public void setMetrics(CdcMetrics metrics) { this.metrics = metrics; }
    public void setSettings(SyncSettings settings) { this.settings = settings; }
}
