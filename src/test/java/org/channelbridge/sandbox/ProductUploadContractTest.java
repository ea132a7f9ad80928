package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checklist item 16: a file imported through POST /v1/ProductUpload, followed by its token to a final status. */
class ProductUploadContractTest extends SandboxTestBase {

    private static final String FILE = "Inventory Number\tAuction Title\tRetail Price\tQuantity\tQuantity Update Type\r\n"
            + "UP-1\tOne\t10\t4\tAbsolute\r\n"
            + "UP-2\t\t20\t5\tAbsolute\r\n"
            + "UP-3\tThree\tcheap\t6\tAbsolute\r\n";

    @Test
    void anUploadMovesThroughItsStatusesAndEndsWithItsRefusedRows() {
        SandboxClient.Response started = ca.post("/v1/ProductUpload?profileid=12345&templatecode=ChannelBridge"
                + "&importtype=AddUpdate", FILE);
        assertThat(started.status()).isEqualTo(202);
        String token = started.json().get("Token").asText();
        assertThat(started.json().get("Status").asText()).isEqualTo("Pending");
        assertThat(ca.get("/v1/Products/$count").body()).isEqualTo("0").as("queued, not applied yet");

        List<String> statuses = new ArrayList<>();
        JsonNode last = null;
        for (int i = 0; i < 5; i++) {
            last = ca.get("/v1/ProductUpload?token=" + token).json();
            statuses.add(last.get("Status").asText());
        }
        assertThat(statuses).containsExactly("InProgressValidation", "InProgressProcessing", "CompleteWithErrors",
                "CompleteWithErrors", "CompleteWithErrors");
        assertThat(last.get("Errors")).hasSize(2);
        assertThat(last.get("Errors").get(0).get("Row").asInt()).isEqualTo(3);
        assertThat(last.get("Errors").get(0).get("Message").asText()).contains("Auction Title");
        assertThat(last.get("Errors").get(1).get("Row").asInt()).isEqualTo(4);
        assertThat(ca.get("/v1/Products/$count").body()).isEqualTo("1");
    }

    @Test
    void anUploadNeedsAKnownTemplateAValidImportTypeAndABody() {
        assertThat(ca.post("/v1/ProductUpload?templatecode=Unknown&importtype=AddUpdate", FILE).status()).isEqualTo(400);
        assertThat(ca.post("/v1/ProductUpload?importtype=AddUpdate", FILE).status()).isEqualTo(400);
        assertThat(ca.post("/v1/ProductUpload?templatecode=ChannelBridge&importtype=Sometimes", FILE).status())
                .isEqualTo(400);
        assertThat(ca.get("/v1/ProductUpload?token=nope").status()).isEqualTo(404);
    }

    @Test
    void theSixtyFirstFileWithinAnHourIsRefusedWith429() {
        for (int i = 0; i < 60; i++) {
            assertThat(ca.post("/v1/ProductUpload?templatecode=ChannelBridge&importtype=AddUpdate", FILE).status())
                    .isEqualTo(202);
        }
        assertThat(ca.post("/v1/ProductUpload?templatecode=ChannelBridge&importtype=AddUpdate", FILE).status())
                .isEqualTo(429);
    }
}
