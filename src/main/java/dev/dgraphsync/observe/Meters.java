package dev.dgraphsync.observe;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.OnCamelContextStarted;
import org.apache.camel.spi.OnCamelContextStopped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where dgraph-sync's Micrometer meters go: the MeterRegistry of the Camel context ({@code camel.metrics.enabled}
 * binds one, Prometheus when camel-micrometer-prometheus is present; a host may bind its own) and, with
 * {@code dgraph.sync.metrics-jmx}, JMX under the domain {@code dgraph-sync}. Meters registered here before the context
 * started reach those registries too.
 */
public class Meters implements OnCamelContextStarted, OnCamelContextStopped {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private SyncSettings settings = SyncSettings.defaults();
    private MeterRegistry jmxRegistry;

    /** The meters, as a host or a test reads them. */
    public MeterRegistry registry() {
        return meters;
    }

    @Override
    public void onContextStarted(CamelContext context) {
        context.getRegistry().findByType(MeterRegistry.class).stream()
                .filter(r -> r != meters)
                .forEach(meters::add);
        if (settings.flag(Setting.METRICS_JMX) && jmxRegistry == null) {
            try {
                jmxRegistry = JmxMeters.create();
                meters.add(jmxRegistry);
            } catch (NoClassDefFoundError absent) {
                LOG.info("metrics: micrometer-registry-jmx is not on the class path; the meters are not in JMX");
            }
        }
    }

    @Override
    public void onContextStopped(CamelContext context) {
        if (jmxRegistry != null) {
            meters.remove(jmxRegistry);
            jmxRegistry.close();
            jmxRegistry = null;
        }
    }

    public void setSettings(SyncSettings settings) { this.settings = settings; }

    /** Apart, so that a runtime without micrometer-registry-jmx still loads {@link Meters}. */
    private static final class JmxMeters {
        static MeterRegistry create() {
            return new io.micrometer.jmx.JmxMeterRegistry(new io.micrometer.jmx.JmxConfig() {
                @Override
                public String get(String key) {
                    return null;
                }

                @Override
                public String domain() {
                    return "dgraph-sync";
                }
            }, io.micrometer.core.instrument.Clock.SYSTEM);
        }
    }
}
