package dev.dgraphsync.e2e;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/** The `camel` command of Camel JBang 4.17, resolved from Maven Central as a test dependency. */
public final class CamelJBang {

    private CamelJBang() {
    }

    public static void main(String... args) {
        CamelJBangMain.run(args);
    }
}
