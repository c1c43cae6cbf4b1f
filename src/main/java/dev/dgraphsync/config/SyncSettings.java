package dev.dgraphsync.config;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Ordered;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of every {@link Setting}, read once and checked, for every bean; the routes read the same values as
 * placeholders ({@code {{dgraph.sync.schedule}}}). Where a value comes from, first found first: an environment variable
 * named after the key, a JVM system property, the host's properties (config/application.properties, {@code camel run
 * --prop}, Karaf's Config Admin), and last the setting's own default, which this bean adds to Camel's properties as
 * the source of lowest precedence ({@value #DEFAULTS}), so that a host sets only what differs.
 */
public class SyncSettings implements CamelContextAware {

    /** The name of the properties source that holds every setting's default. */
    public static final String DEFAULTS = "dgraph-sync-defaults";
    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");
    /** A GraphQL endpoint, as the spec gives it, or another path of the alpha: its base is what the sync asks. */
    private static final String SAID = "dgraph-sync.url-taken-as-base";
    private static final Pattern ENDPOINT_PATH = Pattern.compile("(.*?)/+(graphql|query|admin)/*");

    private CamelContext camelContext;
    private Function<String, Optional<String>> lookup;
    private volatile Map<Setting, String> values;

    /** Settings from these values, the defaults for the rest (for tests and tools that run without Camel). */
    public static SyncSettings of(Map<String, String> given) {
        SyncSettings settings = new SyncSettings();
        settings.lookup = key -> Optional.ofNullable(given.get(key)).or(() -> Defaults.value(key));
        return settings;
    }

    /** Every setting at its default. */
    public static SyncSettings defaults() {
        return of(Map.of());
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        if (properties.getPropertiesSource(DEFAULTS) == null) {
            properties.addPropertiesSource(new Defaults(properties));
        }
        lookup = key -> properties.resolveProperty(key);
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /**
     * Reads and checks every setting (the first step of the start): throws {@link InvalidSettingException} naming the
     * first one at fault. A {@code dgraph.url} that names an endpoint of the alpha is taken as its base, said once.
     */
    public synchronized SyncSettings resolve() {
        if (values != null) {
            return this;
        }
        Map<Setting, String> read = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String value = lookup.apply(setting.key()).orElse(setting.defaultValue()).trim();
            setting.check(value);
            read.put(setting, value);
        }
        String url = read.get(Setting.DGRAPH_URL);
        Matcher endpoint = ENDPOINT_PATH.matcher(url);
        if (endpoint.matches()) {
            read.put(Setting.DGRAPH_URL, endpoint.group(1));
            // Said once for the context (Camel Main makes its beans twice, so this may be read twice).
            if (camelContext == null || camelContext.getGlobalOptions().putIfAbsent(SAID, url) == null) {
                LOG.info("dgraph.url: {} is the alpha's /{} endpoint; its base {} is used for /query and /admin", url,
                        endpoint.group(2), endpoint.group(1));
            }
        } else {
            read.put(Setting.DGRAPH_URL, url.replaceAll("/+$", ""));
        }
        values = read;
        return this;
    }

    public String text(Setting setting) {
        return resolve().values.get(setting);
    }

    public int number(Setting setting) {
        return Integer.parseInt(text(setting));
    }

    public double decimal(Setting setting) {
        return Double.parseDouble(text(setting));
    }

    public boolean flag(Setting setting) {
        return Boolean.parseBoolean(text(setting));
    }

    /** {@code dgraph.url} as the sync uses it, the alpha's base ({@code ${bean:syncSettings.dgraphUrl}} in a route). */
    public String getDgraphUrl() {
        return text(Setting.DGRAPH_URL);
    }

    /** This instance's name: {@code dgraph.cluster.instance-id}, else its host name and process id. */
    public String instanceId() {
        if (isSet(Setting.INSTANCE_ID)) {
            return text(Setting.INSTANCE_ID);
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Whether the setting has a value (empty means none: no API key, no ACL user…). */
    public boolean isSet(Setting setting) {
        return !text(setting).isEmpty();
    }

    /**
     * Each setting's default, and its older environment variable where it has one: below every other source. Camel
     * asks a host's initial properties (Karaf's Config Admin values, a test's) after every source, so a key they hold
     * is left to them.
     */
    static final class Defaults implements PropertiesSource, Ordered {

        private final PropertiesComponent properties;

        Defaults(PropertiesComponent properties) {
            this.properties = properties;
        }

        static Optional<String> value(String key) {
            for (Setting setting : Setting.values()) {
                if (setting.key().equals(key)) {
                    String alias = setting.envAlias() == null ? null : System.getenv(setting.envAlias());
                    return Optional.of(alias != null ? alias : setting.defaultValue());
                }
            }
            return Optional.empty();
        }

        @Override
        public String getName() {
            return DEFAULTS;
        }

        @Override
        public String getProperty(String name) {
            boolean hostHasIt = properties instanceof org.apache.camel.component.properties.PropertiesComponent camel
                    && camel.getInitialProperties().containsKey(name);
            return hostHasIt ? null : value(name).orElse(null);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST;
        }
    }
}
