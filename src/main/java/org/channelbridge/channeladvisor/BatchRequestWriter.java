package org.channelbridge.channeladvisor;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes the {@code multipart/mixed} body of a {@code POST /v1/$batch}: one {@code application/http} part per request
 * with its Content-ID, an absolute inner URL and a JSON body, lines ended by CRLF (ChannelAdvisor is strict about
 * line breaks). Refuses what ChannelAdvisor would refuse anyway: too many parts, duplicate ids, and the Export action,
 * which is not allowed inside a batch.
 */
public final class BatchRequestWriter {

    private static final String CRLF = "\r\n";
    private static final Pattern EXPORT = Pattern.compile("(?i)/v1/Orders\\([^)]*\\)/Export\\b.*");

    /** The body and the Content-Type header that names its boundary. */
    public record Written(String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String apiUrl;
    private final int maxParts;

    public BatchRequestWriter(String apiUrl, int maxParts) {
        this.apiUrl = apiUrl;
        this.maxParts = maxParts;
    }

    public int maxParts() {
        return maxParts;
    }

    public Written write(List<BatchPart> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a $batch needs at least one part");
        }
        if (parts.size() > maxParts) {
            throw new IllegalArgumentException("a $batch may hold at most " + maxParts + " parts, not " + parts.size());
        }
        Set<String> ids = new HashSet<>();
        String boundary = "batch_" + UUID.randomUUID();
        StringBuilder out = new StringBuilder(parts.size() * 256);
        for (BatchPart part : parts) {
            if (!ids.add(part.id())) {
                throw new IllegalArgumentException("two parts of one $batch share the id '" + part.id() + "'");
            }
            if (EXPORT.matcher(part.apiPath()).matches()) {
                throw new IllegalArgumentException("ChannelAdvisor does not allow " + part.apiPath()
                        + " inside a $batch; send it on its own");
            }
            out.append("--").append(boundary).append(CRLF)
                    .append("Content-Type: application/http").append(CRLF)
                    .append("Content-Transfer-Encoding: binary").append(CRLF)
                    .append("Content-ID: ").append(part.id()).append(CRLF)
                    .append(CRLF)
                    .append(part.method()).append(' ').append(apiUrl).append(part.apiPath()).append(" HTTP/1.1")
                    .append(CRLF)
                    .append("Accept: application/json").append(CRLF);
            if (part.body() != null) {
                out.append("Content-Type: application/json").append(CRLF)
                        .append(CRLF)
                        .append(part.body().toString()).append(CRLF);
            } else {
                out.append(CRLF);
            }
        }
        out.append("--").append(boundary).append("--").append(CRLF);
        return new Written("multipart/mixed; boundary=" + boundary, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
