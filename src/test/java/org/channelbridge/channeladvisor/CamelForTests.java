package org.channelbridge.channeladvisor;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** One started Camel context shared by the client tests; the client needs only its producer machinery. */
final class CamelForTests {

    private static CamelContext context;

    private CamelForTests() {
    }

    static synchronized CamelContext context() {
        if (context == null) {
            context = new DefaultCamelContext();
            context.start();
        }
        return context;
    }
}
