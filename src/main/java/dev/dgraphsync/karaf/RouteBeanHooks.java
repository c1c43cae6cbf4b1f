package dev.dgraphsync.karaf;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.OnCamelContextInitialized;
import org.apache.camel.spi.OnCamelContextInitializing;
import org.apache.camel.spi.OnCamelContextStarted;
import org.apache.camel.spi.OnCamelContextStarting;
import org.apache.camel.spi.OnCamelContextStopped;
import org.apache.camel.spi.OnCamelContextStopping;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;
import org.apache.camel.support.LifecycleStrategySupport;

import java.util.function.Consumer;

/**
 * Calls the {@code OnCamelContext*} hooks of the beans the routes made, as plain Camel and Camel Main do: the start-up
 * checks, the retry policy, the cluster's scheduler, the metrics and the clean stop all rely on them. camel-karaf's
 * context leaves out the lifecycle strategy that does it ({@code OsgiDefaultCamelContext} removes Camel's
 * {@code OnCamelContextLifecycleStrategy}, whose registry lookup would reach every OSGi service), so the bundle's
 * context adds this one, which looks only among the beans bound in the context itself.
 */
final class RouteBeanHooks extends LifecycleStrategySupport {

    @Override
    public void onContextInitializing(CamelContext context) {
        each(context, OnCamelContextInitializing.class, hook -> hook.onContextInitializing(context));
    }

    @Override
    public void onContextInitialized(CamelContext context) {
        each(context, OnCamelContextInitialized.class, hook -> hook.onContextInitialized(context));
    }

    @Override
    public void onContextStarting(CamelContext context) {
        each(context, OnCamelContextStarting.class, hook -> hook.onContextStarting(context));
    }

    @Override
    public void onContextStarted(CamelContext context) {
        each(context, OnCamelContextStarted.class, hook -> hook.onContextStarted(context));
    }

    @Override
    public void onContextStopping(CamelContext context) {
        each(context, OnCamelContextStopping.class, hook -> hook.onContextStopping(context));
    }

    @Override
    public void onContextStopped(CamelContext context) {
        each(context, OnCamelContextStopped.class, hook -> hook.onContextStopped(context));
    }

    private static <T> void each(CamelContext context, Class<T> type, Consumer<T> call) {
        Registry registry = context.getRegistry();
        Registry own = registry instanceof DefaultRegistry withServices ? withServices.getFallbackRegistry() : registry;
        own.findByType(type).forEach(call);
    }
}
