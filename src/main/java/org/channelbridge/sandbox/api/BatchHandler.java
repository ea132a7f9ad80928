package org.channelbridge.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.auth.TokenService.Grant;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.profiles.ProfileData;
import org.channelbridge.sandbox.traffic.FaultInjector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1/$batch} (items 25-28): a multipart/mixed body of application/http parts, run in order with
 * the batch's own grant and in the batch's profile; each part counts against that profile's window like the batch
 * itself. The answer is
 * OData's JSON batch format when JSON is accepted, multipart otherwise; its status is 200 even when parts fail.
 */
final class BatchHandler {
    private static final String CRLF = "\r\n";

    private record Part(String id, ApiRequest request) {
    }

    private record Outcome(String id, ApiResponse response) {
    }

    private final ApiGateway gateway;
    private final SandboxSettings settings;

    BatchHandler(ApiGateway gateway, SandboxSettings settings) {
        this.gateway = gateway;
        this.settings = settings;
    }

    ApiResponse handle(ApiRequest r, Grant g, ProfileData profile) {
        String contentType = r.header("content-type");
        String boundary = boundary(contentType);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed") || boundary == null) {
            return ApiResponse.error(400, "A $batch request needs Content-Type multipart/mixed with a boundary.");
        }
        List<Part> parts = new ArrayList<>();
        try {
            parse(r.bodyText(), boundary, r, parts);
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(400, "The $batch body is malformed: " + e.getMessage());
        }
        if (parts.size() > settings.batchPartLimit) {
            return ApiResponse.error(400, "The $batch request has " + parts.size() + " parts; at most "
                    + settings.batchPartLimit + " are accepted.");
        }
        List<Outcome> outcomes = new ArrayList<>();
        FaultInjector faults = gateway.faults();
        for (Part p : parts) {
            ApiResponse answer;
            if (!gateway.limiter().admitProfile(profile.id())) {
                answer = gateway.tooMany();
            } else {
                FaultInjector.Fault f = faults.next(p.request.method(), p.request.path(), profile::id);
                answer = f != null && (f.status() > 0 || f.malformedJson()) ? FaultResponses.of(f)
                        : gateway.execute(p.request, g, profile);
            }
            outcomes.add(new Outcome(p.id, answer));
        }
        String accept = r.header("accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json") ? json(outcomes) : multipart(outcomes);
    }

    private static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String piece : contentType.split(";")) {
            String t = piece.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = t.substring(9).trim();
                return b.startsWith("\"") && b.endsWith("\"") && b.length() > 1 ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }

    private void parse(String body, String boundary, ApiRequest outer, List<Part> parts) {
        String delimiter = "--" + boundary;
        String[] chunks = body.split("(\r?\n)?" + java.util.regex.Pattern.quote(delimiter));
        if (chunks.length < 2) {
            throw new IllegalArgumentException("no part delimited by --" + boundary);
        }
        for (int i = 1; i < chunks.length; i++) {
            String chunk = chunks[i];
            if (chunk.startsWith("--")) {
                break;
            }
            String[] headAndBody = splitHead(stripLeadingNewline(chunk));
            Map<String, String> headers = headers(headAndBody[0]);
            String partType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
            if (partType.startsWith("multipart/mixed")) {
                parse(headAndBody[1], boundary(headers.get("content-type")), outer, parts);
                continue;
            }
            if (!partType.startsWith("application/http")) {
                throw new IllegalArgumentException("part " + (parts.size() + 1) + " is not application/http");
            }
            String id = headers.getOrDefault("content-id", String.valueOf(parts.size() + 1));
            parts.add(new Part(id, innerRequest(headAndBody[1], outer)));
        }
    }

    private static ApiRequest innerRequest(String http, ApiRequest outer) {
        String[] headAndBody = splitHead(stripLeadingNewline(http));
        String[] lines = headAndBody[0].split("\r?\n");
        String[] requestLine = lines[0].trim().split("\\s+");
        if (requestLine.length < 2) {
            throw new IllegalArgumentException("no request line in a part");
        }
        String url = requestLine[1];
        if (url.startsWith("http://") || url.startsWith("https://")) {
            int slash = url.indexOf('/', url.indexOf("//") + 2);
            url = slash < 0 ? "/" : url.substring(slash);
        } else if (!url.startsWith("/")) {
            url = "/v1/" + url;
        }
        Map<String, String> headers = new HashMap<>(outer.headers());
        headers.remove("content-type");
        headers.putAll(headers(String.join("\n", java.util.Arrays.copyOfRange(lines, 1, lines.length))));
        String body = headAndBody[1].replaceAll("(\r?\n)+$", "");
        return RequestParsing.request(requestLine[0].toUpperCase(Locale.ROOT), url, headers,
                body.getBytes(StandardCharsets.UTF_8), outer.remoteIp(), true);
    }

    private static String stripLeadingNewline(String s) {
        return s.startsWith("\r\n") ? s.substring(2) : s.startsWith("\n") ? s.substring(1) : s;
    }

    private static String[] splitHead(String s) {
        int crlf = s.indexOf("\r\n\r\n");
        int lf = s.indexOf("\n\n");
        if (crlf >= 0 && (lf < 0 || crlf <= lf)) {
            return new String[]{s.substring(0, crlf), s.substring(crlf + 4)};
        }
        if (lf >= 0) {
            return new String[]{s.substring(0, lf), s.substring(lf + 2)};
        }
        return new String[]{s, ""};
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> h = new HashMap<>();
        for (String line : block.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                h.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return h;
    }

    private static ApiResponse json(List<Outcome> outcomes) {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        ArrayNode responses = doc.putArray("responses");
        for (Outcome o : outcomes) {
            ObjectNode r = responses.addObject();
            r.put("id", o.id);
            r.put("status", o.response.status());
            ObjectNode headers = r.putObject("headers");
            o.response.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            byte[] body = o.response.body();
            if (body.length > 0) {
                String type = o.response.headers().getOrDefault("Content-Type", "");
                try {
                    if (type.startsWith("application/json")) {
                        r.set("body", CaFormat.JSON.readTree(body));
                    } else {
                        r.put("body", o.response.bodyText());
                    }
                } catch (IOException e) {
                    r.put("body", o.response.bodyText());
                }
            }
        }
        return ApiResponse.json(200, doc);
    }

    private static ApiResponse multipart(List<Outcome> outcomes) {
        String boundary = "batchresponse_" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Outcome o : outcomes) {
            StringBuilder head = new StringBuilder();
            head.append("--").append(boundary).append(CRLF)
                    .append("Content-Type: application/http").append(CRLF)
                    .append("Content-Transfer-Encoding: binary").append(CRLF)
                    .append("Content-ID: ").append(o.id).append(CRLF).append(CRLF)
                    .append("HTTP/1.1 ").append(o.response.status()).append(' ').append(reason(o.response.status())).append(CRLF);
            o.response.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append(CRLF));
            head.append(CRLF);
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(o.response.body());
            out.writeBytes(CRLF.getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--" + CRLF).getBytes(StandardCharsets.UTF_8));
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Content-Type", "multipart/mixed; boundary=" + boundary);
        h.put("OData-Version", "4.0");
        return new ApiResponse(200, h, out.toByteArray());
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Server Error" : "Error";
        };
    }
}
