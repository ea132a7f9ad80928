package org.channelbridge.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.sandbox.odata.CaFormat;

import java.io.IOException;

/**
 * The profile a {@code /v1} call names (reference 1.4, 2.6, 2.7): its {@code profileid} query parameter or the
 * {@code ProfileID} of its JSON body. A call that names none acts in its token's first profile.
 */
final class RequestProfile {
    private RequestProfile() {
    }

    /**
     * The named profile, or null when the call names none.
     *
     * @throws ApiError 400 when the parameter or the body's ProfileID is not a whole number, or when they differ
     */
    static Long named(ApiRequest r) {
        Long query = null;
        String q = r.param("profileid");
        if (q != null) {
            try {
                query = Long.parseLong(q.trim());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "The value '" + q + "' is not valid for profileid; give a profile's ID.");
            }
        }
        Long body = inBody(r);
        if (query != null && body != null && !query.equals(body)) {
            throw new ApiError(400, "The ProfileID of the body (" + body + ") differs from the profileid parameter ("
                    + query + ").");
        }
        return query != null ? query : body;
    }

    /** The top-level ProfileID of a JSON object body; an inventory file or a $batch body carries none. */
    private static Long inBody(ApiRequest r) {
        byte[] b = r.body();
        int i = 0;
        while (b != null && i < b.length && Character.isWhitespace(b[i])) {
            i++;
        }
        if (b == null || i == b.length || b[i] != '{') {
            return null;
        }
        JsonNode doc;
        try {
            doc = CaFormat.JSON.readTree(b);
        } catch (IOException e) {
            return null; // not JSON after all: the call itself answers 400 for that
        }
        JsonNode id = doc.get("ProfileID");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new ApiError(400, "Cannot convert the value of 'ProfileID' to Edm.Int32.");
        }
        return id.asLong();
    }
}
