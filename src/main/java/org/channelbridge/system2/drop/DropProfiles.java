package org.channelbridge.system2.drop;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ChannelAdvisor profiles a drop file's {@code profile} column may name, by name ({@code uk}) or by id
 * ({@code 12346}), and where each profile's order files go: with several profiles ({@code channeladvisor.profiles})
 * each has a folder of its own in the outbox, named after the profile; with one, the outbox itself.
 */
public final class DropProfiles {

    private final Map<String, Long> byName;
    private final boolean ownFolders;

    /** {@code byName}: profile name → id, the first first; {@code ownFolders}: each profile's orders in its folder. */
    public DropProfiles(Map<String, Long> byName, boolean ownFolders) {
        this.byName = new LinkedHashMap<>(byName);
        this.ownFolders = ownFolders;
    }

    /** One profile, whose orders go to the outbox itself (a bridge of one profile; tests). */
    public static DropProfiles single(long profileId) {
        return new DropProfiles(Map.of("default", profileId), false);
    }

    /** The outbox folder of a profile's order files, relative to the outbox ({@code uk}; empty: the outbox). */
    String folderOf(long profileId) {
        if (!ownFolders) {
            return "";
        }
        for (Map.Entry<String, Long> profile : byName.entrySet()) {
            if (profile.getValue() == profileId) {
                return profile.getKey();
            }
        }
        // an order of a profile no longer configured keeps its id as the folder
        return String.valueOf(profileId);
    }

    /** The profiles a {@code profile} cell names: names or ids separated by spaces, commas, {@code ;} or {@code |}. */
    Set<Long> idsOf(String cell) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String word : cell.strip().split("[\\s,;|]+")) {
            if (!word.isEmpty()) {
                ids.add(idOf(word));
            }
        }
        return ids;
    }

    /** The one profile a shipment's or adjustment's {@code profile} cell names. */
    long single(String cell) {
        Set<Long> ids = idsOf(cell);
        if (ids.size() != 1) {
            throw new BadRowException("profile '" + cell.strip() + "' names " + ids.size()
                    + " profiles; a shipment or adjustment belongs to one");
        }
        return ids.iterator().next();
    }

    /** Every profile's id, the first first. */
    Set<Long> ids() {
        return new LinkedHashSet<>(byName.values());
    }

    private long idOf(String word) {
        Long byItsName = byName.get(word);
        if (byItsName != null) {
            return byItsName;
        }
        for (long id : byName.values()) {
            if (String.valueOf(id).equals(word)) {
                return id;
            }
        }
        throw new BadRowException("profile '" + word + "' is not one of the bridge's profiles ("
                + byName.entrySet().stream().map(p -> p.getKey() + " = " + p.getValue())
                .collect(Collectors.joining(", ")) + ")");
    }
}
