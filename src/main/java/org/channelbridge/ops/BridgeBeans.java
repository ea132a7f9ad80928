package org.channelbridge.ops;

import org.channelbridge.system2.System2Database;

import java.util.LinkedHashMap;
import java.util.Map;

/** The beans the routes call by name (the routes call Java, never the other way round). */
public final class BridgeBeans {

    private BridgeBeans() {
    }

    public static Map<String, Object> create(BridgeSettings settings, System2Database database, FlowStats stats) {
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("system2", database.dataSource());
        beans.put("flowStats", stats);
        beans.put("deadLetters", new DeadLetterStore(database.dataSource(), stats));
        return beans;
    }
}
