package org.channelbridge.channeladvisor.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ODataFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One ChannelAdvisor operation, {@code channeladvisor:<resource>[/<action>]?options}. Every endpoint produces; the
 * {@code orders} endpoint also consumes, polling the orders not yet exported and emitting one exchange per order.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "channeladvisor", title = "ChannelAdvisor",
        syntax = "channeladvisor:resource/action", category = {Category.SAAS},
        headersClass = ChannelAdvisorConstants.class)
public class ChannelAdvisorEndpoint extends ScheduledPollEndpoint {

    /** What the orders operations expand when the endpoint does not say: enough to map an order. */
    public static final String ORDER_LIST_EXPAND = "Items,Fulfillments,Adjustments";

    /** ChannelAdvisor's ProductUpload import types. */
    private static final List<String> IMPORT_TYPES = List.of("AddUpdate", "UpdateOnly", "AddOnly");

    private final ChannelAdvisorOperation operation;

    @UriPath(enums = "orders,products,get", description = "The ChannelAdvisor resource.")
    @Metadata(required = true)
    private String resource;

    @UriPath(enums = "get,export,ship,adjust,find,create,batch,upload,upload-status",
            description = "What to do with the resource; none for orders (list or poll) and get.")
    private String action;

    @UriParam(label = "common", description = "The ChannelAdvisor client (one per profile), e.g. client=#profileB."
            + " Default: the component's client.")
    private ChannelAdvisorClient client;

    @UriParam(label = "common", enums = "all,ready", defaultValue = "all", description = "Which orders not yet"
            + " exported the orders operation reads: all, or ready = valid for fulfilment (payment, checkout and"
            + " shipping statuses as the component's ready options say).")
    private String filter = "all";

    @UriParam(label = "common", description = "An OData $filter expression of your own for the orders operation;"
            + " with filter=ready both must hold.")
    private String odataFilter;

    @UriParam(label = "common", description = "The $expand of the orders operations. Default: "
            + ORDER_LIST_EXPAND + " for orders; every collection of the order for orders/get.")
    private String expand;

    @UriParam(label = "consumer", defaultValue = "0", description = "The most orders one poll emits (0: every"
            + " order of the walk). The next poll starts again from the first page.")
    private int maxMessagesPerPoll;

    @UriParam(label = "producer", description = "For get: the path below the API URL to read, e.g."
            + " /v1/DistributionCenters; the header CamelChannelAdvisorPath overrides it.")
    private String path;

    @UriParam(label = "producer", description = "For products/upload: the name of the product upload template"
            + " defined in ChannelAdvisor.")
    private String templateCode;

    @UriParam(label = "producer", enums = "AddUpdate,UpdateOnly,AddOnly", defaultValue = "AddUpdate",
            description = "For products/upload: how ChannelAdvisor imports the file.")
    private String importType = "AddUpdate";

    @UriParam(label = "producer,advanced", description = "For products/upload: the profile the file is for."
            + " Default: the client's profile.")
    private long profileId;

    public ChannelAdvisorEndpoint(String uri, ChannelAdvisorComponent component, ChannelAdvisorOperation operation) {
        super(uri, component);
        this.operation = operation;
        String name = operation.uriName();
        int slash = name.indexOf('/');
        this.resource = slash < 0 ? name : name.substring(0, slash);
        this.action = slash < 0 ? null : name.substring(slash + 1);
    }

    @Override
    public ChannelAdvisorComponent getComponent() {
        return (ChannelAdvisorComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new ChannelAdvisorProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != ChannelAdvisorOperation.ORDERS) {
            throw new UnsupportedOperationException("channeladvisor:" + operation + " cannot start a route; only"
                    + " channeladvisor:orders polls.");
        }
        ChannelAdvisorOrdersConsumer consumer = new ChannelAdvisorOrdersConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (!filter.equals("all") && !filter.equals("ready")) {
            throw new IllegalArgumentException("channeladvisor:" + operation + ": filter is '" + filter + "'; it takes all or"
                    + " ready.");
        }
        if (IMPORT_TYPES.stream().noneMatch(importType::equals)) {
            throw new IllegalArgumentException("channeladvisor:" + operation + ": importType is '" + importType + "'; it takes "
                    + String.join(", ", IMPORT_TYPES) + ".");
        }
        if (maxMessagesPerPoll < 0) {
            throw new IllegalArgumentException("channeladvisor:" + operation + ": maxMessagesPerPoll must be 0 or more.");
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client();
    }

    public ChannelAdvisorOperation operation() {
        return operation;
    }

    /** The client this endpoint calls through: its own, or the component's. */
    ChannelAdvisorClient client() {
        ChannelAdvisorClient chosen = client != null ? client : getComponent().defaultClient();
        if (chosen == null) {
            throw new IllegalStateException("channeladvisor:" + operation + " has no ChannelAdvisor client: the"
                    + " registry holds none or several; name one with client=#beanName or set the component's client.");
        }
        return chosen;
    }

    /** The OData $filter of the orders operation (empty: none). */
    String ordersFilter() {
        List<ODataFilter> parts = new ArrayList<>();
        if (filter.equals("ready")) {
            String ready = getComponent().readyFilter();
            if (!ready.isBlank()) {
                parts.add(ODataFilter.raw(ready));
            }
        }
        if (odataFilter != null && !odataFilter.isBlank()) {
            parts.add(ODataFilter.raw(odataFilter));
        }
        return parts.isEmpty() ? "" : ODataFilter.and(parts).toString();
    }

    /** The $expand of the orders list (blank: none). */
    String ordersExpand() {
        return expand == null ? ORDER_LIST_EXPAND : expand;
    }

    String expandOption() {
        return expand;
    }

    long uploadProfileId() {
        return profileId > 0 ? profileId : client().settings().profileId();
    }

    public String getResource() {
        return resource;
    }

    public String getAction() {
        return action;
    }

    public ChannelAdvisorClient getClient() {
        return client;
    }

    public void setClient(ChannelAdvisorClient client) {
        this.client = client;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter == null ? "all" : filter.strip().toLowerCase(Locale.ROOT);
    }

    public String getOdataFilter() {
        return odataFilter;
    }

    public void setOdataFilter(String odataFilter) {
        this.odataFilter = odataFilter;
    }

    public String getExpand() {
        return expand;
    }

    public void setExpand(String expand) {
        this.expand = expand;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getTemplateCode() {
        return templateCode;
    }

    public void setTemplateCode(String templateCode) {
        this.templateCode = templateCode;
    }

    public String getImportType() {
        return importType;
    }

    public void setImportType(String importType) {
        this.importType = importType;
    }

    public long getProfileId() {
        return profileId;
    }

    public void setProfileId(long profileId) {
        this.profileId = profileId;
    }
}
