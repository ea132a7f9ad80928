package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the answer to a {@code $batch} into one {@link BatchPartResult} per part sent, in the order sent. Understands
 * the JSON form ChannelAdvisor gives for {@code Accept: application/json}
 * ({@code {"responses":[{"id","status","headers","body"}]}}) and the multipart form OData uses otherwise (changesets
 * included). Answers are matched to parts by id, falling back to position.
 */
public final class BatchResponseReader {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";]+)\"?");
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d(?:\\.\\d)?\\s+(\\d{3}).*");

    private final String apiUrl;

    public BatchResponseReader(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /** Answer of one inner request, before it is matched to its part. */
    private record Answer(String id, int status, String retryAfter, JsonNode body) {
    }

    public List<BatchPartResult> read(CaResponse response, List<BatchPart> parts) {
        String type = response.contentType().toLowerCase(Locale.ROOT);
        List<Answer> answers;
        if (type.startsWith("multipart/")) {
            answers = new ArrayList<>();
            readMultipart(response.bodyText(), response.contentType(), answers);
        } else {
            answers = readJson(response.json());
        }
        return match(parts, answers);
    }

    private List<BatchPartResult> match(List<BatchPart> parts, List<Answer> answers) {
        Map<String, Answer> byId = new LinkedHashMap<>();
        for (Answer answer : answers) {
            if (answer.id() != null) {
                byId.putIfAbsent(answer.id(), answer);
            }
        }
        List<BatchPartResult> results = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            BatchPart part = parts.get(i);
            Answer answer = byId.get(part.id());
            if (answer == null && byId.isEmpty() && i < answers.size()) {
                answer = answers.get(i);
            }
            results.add(answer == null ? BatchPartResult.missing(part, apiUrl)
                    : BatchPartResult.of(part, answer.status(), answer.retryAfter(), answer.body(), apiUrl));
        }
        return results;
    }

    private static List<Answer> readJson(JsonNode json) {
        List<Answer> answers = new ArrayList<>();
        for (JsonNode item : json.path("responses")) {
            String retryAfter = null;
            var names = item.path("headers").fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (name.equalsIgnoreCase("Retry-After")) {
                    retryAfter = item.path("headers").path(name).asText();
                }
            }
            JsonNode id = item.get("id");
            answers.add(new Answer(id == null || id.isNull() ? null : id.asText(), item.path("status").asInt(0),
                    retryAfter, item.get("body")));
        }
        return answers;
    }

    private static void readMultipart(String text, String contentType, List<Answer> answers) {
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw new IllegalStateException("ChannelAdvisor's $batch answer is multipart without a boundary");
        }
        String delimiter = "--" + boundary.group(1);
        String[] chunks = text.split(Pattern.quote(delimiter), -1);
        // chunks[0] is the preamble; the chunk after the closing delimiter starts with "--"
        for (int i = 1; i < chunks.length; i++) {
            String chunk = chunks[i];
            if (chunk.startsWith("--")) {
                break;
            }
            readPart(stripLeadingNewline(chunk), answers);
        }
    }

    private static void readPart(String chunk, List<Answer> answers) {
        String[] headAndRest = splitAtBlankLine(chunk);
        Map<String, String> partHeaders = headers(headAndRest[0]);
        String partType = partHeaders.getOrDefault("content-type", "");
        if (partType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            readMultipart(headAndRest[1], partType, answers);
            return;
        }
        String[] statusAndRest = headAndRest[1].split("\r?\n", 2);
        Matcher status = STATUS_LINE.matcher(statusAndRest[0].strip());
        if (!status.matches()) {
            throw new IllegalStateException("a part of ChannelAdvisor's $batch answer has no status line: "
                    + ErrorClassifier.snippet(statusAndRest[0]));
        }
        String[] innerHeadAndBody = splitAtBlankLine(statusAndRest.length > 1 ? statusAndRest[1] : "");
        Map<String, String> innerHeaders = headers(innerHeadAndBody[0]);
        answers.add(new Answer(partHeaders.get("content-id"), Integer.parseInt(status.group(1)),
                innerHeaders.get("retry-after"), body(innerHeadAndBody[1].strip())));
    }

    private static JsonNode body(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return CaResponse.JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException notJson) {
            return TextNode.valueOf(text);
        }
    }

    private static String[] splitAtBlankLine(String text) {
        Matcher blank = Pattern.compile("\r?\n\r?\n").matcher(text);
        if (!blank.find()) {
            return new String[] {text, ""};
        }
        return new String[] {text.substring(0, blank.start()), text.substring(blank.end())};
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static String stripLeadingNewline(String chunk) {
        if (chunk.startsWith("\r\n")) {
            return chunk.substring(2);
        }
        return chunk.startsWith("\n") ? chunk.substring(1) : chunk;
    }
}
