package dev.dgraphsync.source;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spi.OnCamelContextInitializing;

/**
 * How a transient Dgraph failure ({@link DgraphUnavailableException}) is retried, wherever it happens: exponential
 * backoff from {@code dgraph.retry.*}, as a Camel redelivery policy that the routes' error handling refers to
 * ({@code redeliveryPolicyRef}). Set from the settings as Camel initializes, before any route is made.
 */
public class DgraphRetries extends RedeliveryPolicy implements OnCamelContextInitializing {

    private transient SyncSettings settings;

    @Override
    public void onContextInitializing(CamelContext context) {
        setMaximumRedeliveries(settings.number(Setting.MAX_RETRIES));
        setRedeliveryDelay(settings.number(Setting.INITIAL_DELAY_MS));
        setUseExponentialBackOff(true);
        setBackOffMultiplier(settings.decimal(Setting.BACKOFF_MULTIPLIER));
        setMaximumRedeliveryDelay(settings.number(Setting.MAX_DELAY_MS));
        setRetryAttemptedLogLevel(LoggingLevel.WARN);
    }

    public void setSettings(SyncSettings settings) { this.settings = settings; }
}
