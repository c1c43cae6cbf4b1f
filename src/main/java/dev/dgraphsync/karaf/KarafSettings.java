package dev.dgraphsync.karaf;

import dev.dgraphsync.config.InvalidSettingException;
import org.osgi.framework.Bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * dgraph-sync's settings in Karaf: the defaults the bundle carries (config/application.properties, in the jar as
 * {@code dgraph-sync/application.properties}), two of them changed for Karaf, and over them whatever Config Admin
 * holds for the PID {@code dev.dgraphsync} ({@code etc/dev.dgraphsync.cfg}): the same keys as everywhere else.
 */
final class KarafSettings {

    static final String DEFAULTS = "dgraph-sync/application.properties";
    static final String DATASOURCE_NAME = "warehouse.datasource-name";
    /** The pax-jdbc DataSource the feature ships (etc/org.ops4j.datasource-dgraphsync.cfg). */
    static final String DEFAULT_DATASOURCE = "dgraphsync";
    /** A name that can stand in an LDAP filter as it is. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private KarafSettings() {
    }

    /** The defaults, then the Config Admin values (null: none yet) over them. */
    static Properties of(Bundle bundle, Dictionary<String, ?> configured) {
        Properties settings = new Properties();
        URL defaults = bundle.getEntry(DEFAULTS);
        if (defaults == null) {
            throw new IllegalStateException("the bundle has no " + DEFAULTS);
        }
        try (InputStream in = defaults.openStream()) {
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Karaf has no working folder of ours: entities are edited under etc/, the warehouse is a pax-jdbc service.
        String etc = System.getProperty("karaf.etc", "etc");
        settings.setProperty("dgraph.sync.entities-dir", Path.of(etc, "dgraph-sync", "entities").toString());
        settings.setProperty(DATASOURCE_NAME, DEFAULT_DATASOURCE);
        if (configured != null) {
            for (Enumeration<String> keys = configured.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                Object value = configured.get(key);
                // Config Admin's, File Install's and Karaf's own keys are not settings
                if (value != null && !key.startsWith("service.") && !key.startsWith("felix.")
                        && !key.startsWith("org.apache.karaf.")) {
                    settings.setProperty(key, value.toString());
                }
            }
        }
        return settings;
    }

    /** The dataSourceName of the pax-jdbc DataSource service to sync into. */
    static String dataSourceName(Properties settings) {
        String name = settings.getProperty(DATASOURCE_NAME, "").trim();
        if (!PLAIN_NAME.matcher(name).matches()) {
            throw new InvalidSettingException(DATASOURCE_NAME, "'" + name + "' is not a DataSource name (letters,"
                    + " digits, '.', '_', '-'): the dataSourceName of an etc/org.ops4j.datasource-*.cfg");
        }
        return name;
    }
}
