package org.channelbridge.sandbox.profiles;

import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.orders.OrderNumbering;
import org.channelbridge.sandbox.products.ProductIds;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's profiles in their configured order (the first is the default), each with its own data. IDs come
 * from sequences they share, so an ID found in one profile is never found in another.
 */
public final class Profiles {
    private final Map<Long, ProfileData> byId = new LinkedHashMap<>();
    private final ProductIds productIds = new ProductIds();
    private final OrderNumbering numbering = new OrderNumbering();

    public Profiles(SandboxSettings settings) {
        settings.checkProfiles();
        for (SandboxSettings.Profile p : settings.profiles()) {
            byId.put(p.id(), new ProfileData(settings, p.id(), productIds, numbering));
        }
    }

    /** The profile with this id, or null when the sandbox has none. */
    public ProfileData get(long id) {
        return byId.get(id);
    }

    /** The profile calls act in when they name none. */
    public ProfileData first() {
        return byId.values().iterator().next();
    }

    public Collection<ProfileData> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    public List<Long> ids() {
        return List.copyOf(byId.keySet());
    }

    /** Every profile empty again, IDs from the start. Call under the gateway's write lock. */
    public void reset() {
        byId.values().forEach(ProfileData::reset);
        productIds.reset();
        numbering.reset();
    }
}
