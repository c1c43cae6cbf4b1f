package dev.dgraphsync.karaf;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.OnCamelContextInitializing;
import org.apache.camel.spi.OnCamelContextStarting;
import org.apache.camel.spi.OnCamelContextStopping;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a context without Camel's own strategy for the {@code OnCamelContext*} beans (camel-karaf's removes it), the
 * bundle's strategy calls the hooks of the beans bound in the context, once each.
 */
class RouteBeanHooksTest {

    private final List<String> called = new ArrayList<>();

    @Test
    void theBeansHooksAreCalledOnceEachAsTheContextStartsAndStops() {
        DefaultCamelContext camel = asKarafMakesIt();
        camel.addLifecycleStrategy(new RouteBeanHooks());

        camel.start();
        camel.stop();

        assertThat(called).containsExactly("initializing", "starting", "stopping");
    }

    @Test
    void withoutItTheHooksOfSuchAContextAreNeverCalled() {
        DefaultCamelContext camel = asKarafMakesIt();

        camel.start();
        camel.stop();

        assertThat(called).isEmpty();
    }

    /** A context with one bean that has hooks, and without Camel's strategy that calls them. */
    private DefaultCamelContext asKarafMakesIt() {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getLifecycleStrategies().removeIf(s -> s.getClass().getSimpleName().equals("OnCamelContextLifecycleStrategy"));
        camel.getRegistry().bind("hooks", new Hooks());
        return camel;
    }

    private final class Hooks implements OnCamelContextInitializing, OnCamelContextStarting, OnCamelContextStopping {
        @Override
        public void onContextInitializing(CamelContext context) {
            called.add("initializing");
        }

        @Override
        public void onContextStarting(CamelContext context) {
            called.add("starting");
        }

        @Override
        public void onContextStopping(CamelContext context) {
            called.add("stopping");
        }
    }
}
