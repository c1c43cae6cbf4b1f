package dev.dgraphsync;

import org.apache.camel.spi.CliConnector;
import org.apache.camel.spi.CliConnectorFactory;

/**
 * Keeps Camel JBang's CLI connector out of every Camel context the tests start.
 *
 * <p>camel-jbang-core (a test dependency, for {@code CamelRunIT}) brings camel-cli-connector, and Camel starts its
 * connector in any context that finds it on the class path. The connector's thread resolves dev consoles while the
 * context's {@code DefaultDevConsoleRegistry} iterates them in {@code doStart} (an unsynchronised {@code TreeSet}),
 * so a start now and then failed with a {@code ConcurrentModificationException}. The connector only serves
 * {@code camel ps}-style tools, which no test uses; shipped jars never carry it. Found through
 * {@code META-INF/services/org/apache/camel/cli-connector-factory} in the test resources, which come first on the
 * test class path.
 */
public class CliConnectorOff implements CliConnectorFactory {

    @Override
    public void setEnabled(boolean enabled) {
        // always off
    }

    @Override
    public boolean isEnabled() {
        return false;
    }

    @Override
    public void setRuntime(String runtime) {
        // not used while off
    }

    @Override
    public String getRuntime() {
        return null;
    }

    @Override
    public void setRuntimeVersion(String runtimeVersion) {
        // not used while off
    }

    @Override
    public String getRuntimeVersion() {
        return null;
    }

    @Override
    public void setRuntimeStartClass(String runtimeStartClass) {
        // not used while off
    }

    @Override
    public String getRuntimeStartClass() {
        return null;
    }

    @Override
    public CliConnector createConnector() {
        return null;
    }
}
