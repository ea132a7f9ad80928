package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walks an OData collection page by page, following each {@code @odata.nextLink} exactly as ChannelAdvisor wrote
 * it (never rebuilding {@code $skip} ourselves), and hands each entity to a callback as it arrives.
 * <p>
 * Two guards: a page that repeats the first one ends the walk (ChannelAdvisor has been seen to answer a page beyond
 * the end with the first page again), and so does a nextLink already followed. The page source, i.e. the client,
 * swaps any {@code access_token} in a link for the current token.
 */
public final class ODataPager {

    /** Fetches one page; the URL is absolute. */
    @FunctionalInterface
    public interface PageSource {
        JsonNode fetch(String url);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ODataPager.class);
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final PageSource source;

    public ODataPager(PageSource source) {
        this.source = source;
    }

    /**
     * Streams every entity of the collection at {@code firstUrl} to {@code onEntity}.
     *
     * @return how many entities were handed over
     */
    public long forEach(String firstUrl, Consumer<JsonNode> onEntity) {
        String what = ErrorClassifier.describe("GET", firstUrl);
        long started = System.nanoTime();
        long lastReport = started;
        long count = 0;
        int pages = 0;
        JsonNode firstPage = null;
        Set<String> followed = new HashSet<>();
        String url = firstUrl;
        while (url != null) {
            followed.add(url);
            JsonNode page = source.fetch(url);
            JsonNode value = page.path("value");
            pages++;
            if (firstPage == null) {
                firstPage = value;
            } else if (value.size() > 0 && value.equals(firstPage)) {
                LOG.warn("{}: page {} repeats the first page; stopping after {} entities", what, pages, count);
                break;
            }
            for (JsonNode entity : value) {
                onEntity.accept(entity);
                count++;
            }
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                lastReport = now;
                double seconds = (now - started) / 1e9;
                LOG.info("{}: {} entities in {} pages so far ({} per second)", what, count, pages,
                        Math.round(count / seconds));
            }
            String next = page.path("@odata.nextLink").asText("");
            if (next.isEmpty()) {
                break;
            }
            url = resolve(url, next);
            if (followed.contains(url)) {
                LOG.warn("{}: nextLink of page {} points back to a page already read; stopping after {} entities",
                        what, pages, count);
                break;
            }
        }
        if (pages > 1) {
            LOG.debug("{}: {} entities in {} pages", what, count, pages);
        }
        return count;
    }

    /** The nextLink made absolute against the page it came from; relative links resolve like in a browser. */
    static String resolve(String pageUrl, String nextLink) {
        return URI.create(uriText(pageUrl)).resolve(uriText(nextLink)).toString();
    }

    /**
     * Percent-encodes whatever a URI may not hold literally (a space or quote in a {@code $filter}, non-ASCII),
     * keeping escapes already present, so a link CA wrote loosely is still sent as CA meant it.
     */
    static String uriText(String link) {
        StringBuilder out = new StringBuilder(link.length() + 16);
        for (byte b : link.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
