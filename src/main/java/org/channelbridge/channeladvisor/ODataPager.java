package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.progress.ProgressClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
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

    /**
     * How often a page read that failed for a passing reason (429, 5xx, 406, I/O) is tried again, and the first
     * wait (doubling each time). A walk is not a unit Camel can redeliver half-way, so the pager retries its page;
     * it waits on the shared request budget, which also honours a Retry-After by holding every call back.
     */
    public record PageRetry(int attempts, Duration firstDelay) {
        public static final PageRetry DEFAULT = new PageRetry(5, Duration.ofSeconds(1));
    }

    private final PageSource source;
    private final PageRetry retry;
    private final RequestBudget budget;

    /** {@code budget}: the request budget the page source's calls go through, which a retried page waits on. */
    public ODataPager(PageSource source, PageRetry retry, RequestBudget budget) {
        this.source = source;
        this.retry = retry;
        this.budget = budget;
    }

    /**
     * Streams every entity of the collection at {@code firstUrl} to {@code onEntity}.
     *
     * @return how many entities were handed over
     */
    public long forEach(String firstUrl, Consumer<JsonNode> onEntity) {
        Iterator<JsonNode> entities = iterate(firstUrl);
        long count = 0;
        while (entities.hasNext()) {
            onEntity.accept(entities.next());
            count++;
        }
        return count;
    }

    /**
     * The entities of the collection at {@code firstUrl}, read one page at a time as the caller advances, so a
     * backlog of any size is never held in memory. A failed page read surfaces from {@code hasNext()}.
     */
    public Iterator<JsonNode> iterate(String firstUrl) {
        return new Walk(firstUrl);
    }

    private final class Walk implements Iterator<JsonNode> {
        private final String what;
        private final ProgressClock progress = new ProgressClock();
        private final Set<String> followed = new HashSet<>();
        private long count;
        private int pages;
        private JsonNode firstPage;
        private String nextUrl;
        private Iterator<JsonNode> current = java.util.Collections.emptyIterator();

        Walk(String firstUrl) {
            // progress lines name the collection, not its whole (long, encoded) query
            String described = ErrorClassifier.describe("GET", firstUrl);
            int query = described.indexOf('?');
            this.what = query < 0 ? described : described.substring(0, query);
            this.nextUrl = firstUrl;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && nextUrl != null) {
                readPage();
            }
            return current.hasNext();
        }

        @Override
        public JsonNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            count++;
            return current.next();
        }

        private void readPage() {
            String url = nextUrl;
            nextUrl = null;
            followed.add(url);
            JsonNode page = fetchWithRetry(url);
            JsonNode value = page.path("value");
            pages++;
            if (firstPage == null) {
                firstPage = value;
            } else if (value.size() > 0 && value.equals(firstPage)) {
                LOG.warn("{}: page {} repeats the first page; stopping after {} entities", what, pages, count);
                return;
            }
            current = value.iterator();
            reportProgress();
            String next = page.path("@odata.nextLink").asText("");
            if (next.isEmpty()) {
                return;
            }
            String resolved = resolve(url, next);
            if (followed.contains(resolved)) {
                LOG.warn("{}: nextLink of page {} points back to a page already read; stopping after {} entities",
                        what, pages, count + value.size());
                return;
            }
            nextUrl = resolved;
        }

        private JsonNode fetchWithRetry(String url) {
            Duration delay = retry.firstDelay();
            for (int attempt = 1; ; attempt++) {
                try {
                    return source.fetch(url);
                } catch (ChannelAdvisorException e) {
                    if (!e.isTransient() || attempt > retry.attempts()) {
                        throw e;
                    }
                    LOG.warn("{}: page {} failed ({}); trying again in {} ms (attempt {} of {})", what, pages + 1,
                            e.getMessage(), delay.toMillis(), attempt, retry.attempts());
                    budget.holdBack(delay);
                    delay = delay.multipliedBy(2);
                }
            }
        }

        private void reportProgress() {
            if (progress.due()) {
                LOG.info("{}: {} entities in {} pages so far ({} per second)", what, count, pages,
                        progress.perSecond(count));
            }
        }
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
