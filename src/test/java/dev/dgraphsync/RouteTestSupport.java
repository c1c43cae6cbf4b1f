package dev.dgraphsync;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;

/**
 * Camel's test support for the route tests, without the developer console that camel-jbang brings onto the test
 * class path: its registry, started with every test's context, now and then fails on a set changed under it
 * (ConcurrentModificationException in DefaultDevConsoleRegistry.doStart), which no route of ours has anything to do with.
 */
public abstract class RouteTestSupport extends CamelTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.setDevConsole(false);
        return camel;
    }
}
