package org.channelbridge.app.management;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel's MBeans with their descriptions built once per class: each still shows what Camel's own assembler shows,
 * answers for its own object, and takes its own operations.
 */
class MBeanInfoPerClassTest {

    private final List<CamelContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
    }

    @Test
    void everyMBeanShowsTheAttributesAndOperationsCamelsOwnAssemblerShows() throws Exception {
        CamelContext cached = started("per-class", true);
        CamelContext camels = started("camels-own", false);

        // the same routes in both contexts: each kind of MBean of Camel's assembler against the same kind, of the same
        // class, of this one (processor and producer names carry ids of their own in each context)
        Map<String, MBeanInfo> perClassByKind = new HashMap<>();
        for (ObjectName name : server().queryNames(new ObjectName("org.apache.camel:context=per-class,*"), null)) {
            MBeanInfo info = server().getMBeanInfo(name);
            perClassByKind.put(name.getKeyProperty("type") + " " + info.getClassName(), info);
        }
        Set<String> compared = new TreeSet<>();
        for (ObjectName name : server().queryNames(new ObjectName("org.apache.camel:context=camels-own,*"), null)) {
            MBeanInfo own = server().getMBeanInfo(name);
            MBeanInfo perClass = perClassByKind.get(name.getKeyProperty("type") + " " + own.getClassName());
            assertThat(perClass).as(name.toString()).isNotNull();
            assertThat(perClass.getDescription()).as(name.toString()).isEqualTo(own.getDescription());
            assertThat(attributes(perClass)).as(name.toString()).isEqualTo(attributes(own));
            assertThat(operations(perClass)).as(name.toString()).isEqualTo(operations(own));
            compared.add(name.getKeyProperty("type"));
        }
        assertThat(compared).contains("context", "routes", "processors", "endpoints", "producers", "components");
        assertThat(cached.getCamelContextExtension().getManagementMBeanAssembler()).isInstanceOf(MBeanInfoPerClass.class);
    }

    @Test
    void mbeansOfOneClassAnswerEachForItsOwnObject() throws Exception {
        CamelContext context = started("own-values", true);
        ProducerTemplate template = context.createProducerTemplate();
        template.sendBody("direct:a", "x");
        template.sendBody("direct:a", "x");
        template.sendBody("direct:b", "x");

        assertThat(server().getAttribute(route("own-values", "a"), "ExchangesTotal")).isEqualTo(2L);
        assertThat(server().getAttribute(route("own-values", "b"), "ExchangesTotal")).isEqualTo(1L);
        assertThat(server().getAttribute(route("own-values", "a"), "RouteId")).isEqualTo("a");
        assertThat(server().getAttribute(route("own-values", "b"), "RouteId")).isEqualTo("b");

        server().invoke(route("own-values", "a"), "reset", new Object[0], new String[0]);
        assertThat(server().getAttribute(route("own-values", "a"), "ExchangesTotal")).isEqualTo(0L);
        assertThat(server().getAttribute(route("own-values", "b"), "ExchangesTotal")).isEqualTo(1L);

        server().invoke(route("own-values", "b"), "stop", new Object[0], new String[0]);
        assertThat(context.getRouteController().getRouteStatus("b").isStopped()).isTrue();
        assertThat(context.getRouteController().getRouteStatus("a").isStarted()).isTrue();
    }

    private CamelContext started(String name, boolean perClass) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        if (perClass) {
            MBeanInfoPerClass.install(context);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").routeId("a").setHeader("seen", constant("a")).log("a ${body}").to("mock:a");
                from("direct:b").routeId("b").setHeader("seen", constant("b")).log("b ${body}").to("mock:b");
            }
        });
        contexts.add(context);
        context.start();
        return context;
    }

    private static ObjectName route(String context, String id) throws Exception {
        return new ObjectName("org.apache.camel:context=" + context + ",type=routes,name=\"" + id + "\"");
    }

    private static MBeanServer server() {
        return java.lang.management.ManagementFactory.getPlatformMBeanServer();
    }

    private static List<String> attributes(MBeanInfo info) {
        return Arrays.stream(info.getAttributes())
                .map(a -> a.getName() + ":" + a.getType() + ":" + a.isReadable() + a.isWritable() + ":"
                        + a.getDescriptor().getFieldValue("mask"))
                .sorted().toList();
    }

    private static List<String> operations(MBeanInfo info) {
        return Arrays.stream(info.getOperations())
                .map(o -> o.getName() + Arrays.toString(Arrays.stream(o.getSignature()).map(p -> p.getType()).toArray())
                        + ":" + o.getReturnType() + ":" + o.getDescriptor().getFieldValue("mask"))
                .sorted().toList();
    }
}
