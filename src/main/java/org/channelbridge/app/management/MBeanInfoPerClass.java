package org.channelbridge.app.management;

import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedInstance;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.api.management.NotificationSenderAware;
import org.apache.camel.spi.ManagementMBeanAssembler;
import org.apache.camel.support.management.MBeanInfoAssembler;
import org.apache.camel.support.management.MixinRequiredModelMBean;
import org.apache.camel.support.management.NotificationSenderAdapter;
import org.apache.camel.support.service.ServiceSupport;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.modelmbean.InvalidTargetObjectTypeException;
import javax.management.modelmbean.ModelMBean;
import javax.management.modelmbean.ModelMBeanInfo;
import javax.management.modelmbean.RequiredModelMBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Camel's MBeans (about a thousand for the bridge's routes: one per processor, producer, endpoint, route, ...) with
 * their descriptions built once per class instead of once per object. Camel's own assembler reads the annotations
 * of a class once, but then builds a new {@link ModelMBeanInfo} for every object, and the JDK validates every
 * descriptor of every attribute and operation as it does: about a third of the start-up's main thread. The
 * description depends only on the managed object's class (and its custom object's class), so each MBean here is
 * given its class's (the JDK's model MBean takes its own copy of what it is given). The copies share their attribute
 * and operation descriptions, which the JDK's model MBean changes only for a value cache ({@code currencyTimeLimit})
 * that Camel's descriptions never ask for.
 * <p>
 * The MBeans themselves are what Camel's assembler makes: the same attributes, operations, masking and
 * notifications, so Hawtio, Jolokia and the operators' view see no difference.
 */
public final class MBeanInfoPerClass extends ServiceSupport implements ManagementMBeanAssembler {

    private final CamelContext context;
    private final Descriptions descriptions;

    public MBeanInfoPerClass(CamelContext context) {
        this.context = context;
        this.descriptions = new Descriptions(context);
    }

    /** Puts this assembler in the place of Camel's (before the context registers anything). */
    public static void install(CamelContext context) {
        context.getCamelContextExtension().setManagementMBeanAssembler(new MBeanInfoPerClass(context));
    }

    @Override
    public ModelMBean assemble(MBeanServer server, Object managed, ObjectName name) throws JMException {
        Object target = managed;
        ModelMBeanInfo info = null;
        ModelMBeanInfo standard = null;
        // a managed instance may carry an object of its own with more attributes and operations: the MBean then
        // shows both, the standard ones answered by the managed object (a mixin)
        if (managed instanceof ManagedInstance instance && instance.getInstance() != null
                && instance.getInstance().getClass().isAnnotationPresent(ManagedResource.class)) {
            info = descriptions.getMBeanInfo(context, managed, instance.getInstance(), name.toString());
            standard = descriptions.getMBeanInfo(context, managed, null, name.toString());
        }
        if (info == null) {
            info = descriptions.getMBeanInfo(context, managed, null, name.toString());
        }
        if (info == null) {
            return null;
        }
        RequiredModelMBean mixin = null;
        if (standard != null) {
            mixin = (RequiredModelMBean) server.instantiate(RequiredModelMBean.class.getName());
            mixin.setModelMBeanInfo(standard);
            manage(mixin, managed);
            target = ((ManagedInstance) managed).getInstance();
        }
        Boolean mask = context.getManagementStrategy().getManagementAgent().getMask();
        RequiredModelMBean mbean = new MixinRequiredModelMBean(info, Boolean.TRUE.equals(mask), standard, mixin);
        manage(mbean, target);
        if (target instanceof NotificationSenderAware aware) {
            aware.setNotificationSender(new NotificationSenderAdapter(mbean));
        }
        return mbean;
    }

    private static void manage(RequiredModelMBean mbean, Object target) throws JMException {
        try {
            mbean.setManagedResource(target, "ObjectReference");
        } catch (InvalidTargetObjectTypeException e) {
            throw new JMException(e.getMessage());
        }
    }

    /**
     * Camel's reading of the annotations, its result kept per class pair. Handed out as it is: the model MBean
     * copies it ({@code RequiredModelMBean.setModelMBeanInfo}), and nothing else here changes it.
     */
    static final class Descriptions extends MBeanInfoAssembler {

        private record Classes(Class<?> managed, Class<?> custom) {
        }

        final Map<Classes, ModelMBeanInfo> built = new ConcurrentHashMap<>();

        /** Ready when made (the context registers its first MBeans before it starts its services), for its life. */
        Descriptions(CamelContext context) {
            super(context);
            start();
        }

        @Override
        public ModelMBeanInfo getMBeanInfo(CamelContext context, Object managed, Object custom, String objectName)
                throws JMException {
            Classes classes = new Classes(managed == null ? null : managed.getClass(),
                    custom == null ? null : custom.getClass());
            ModelMBeanInfo info = built.get(classes);
            if (info == null) {
                info = super.getMBeanInfo(context, managed, custom, objectName);
                if (info == null) {
                    return null;
                }
                ModelMBeanInfo first = built.putIfAbsent(classes, info);
                return first != null ? first : info;
            }
            return info;
        }
    }
}
