package io.progressivedialer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An analyst deploys a new version of a table to the engine REST API, as Camunda Modeler's Deploy button
 * does; the next selection follows it, without a restart.
 */
class LiveRuleChangeTest extends PassiveExotelTest {

    private static String original() throws IOException {
        try (InputStream dmn = LiveRuleChangeTest.class.getResourceAsStream("/lead-rules.dmn")) {
            return new String(dmn.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * POST /engine-rest/deployment/create, multipart, as Camunda Modeler sends it; addressed to this context's
     * engine by name, since the test JVM holds several.
     */
    private HttpResponse<String> deploy(String dmn) {
        String boundary = "modeler-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nlead rules\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"lead-rules.dmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + dmn + "\r\n--" + boundary + "--\r\n";
        return post("/engine-rest/engine/" + processEngine.getName() + "/deployment/create",
                "multipart/form-data; boundary=" + boundary, body);
    }

    @Test
    void aNewVersionOfLeadSelectionIsUsedByTheNextSelection() throws IOException {
        String campaign = newCampaign();
        String agent = newAgent();
        String high = newLeadPhone();
        String middle = newLeadPhone();
        String low = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + high + ",High," + agent + ",9,\n"
                + middle + ",Middle," + agent + ",5,\n" + low + ",Low," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        assertThat(dialWhom(session)).as("highest priority first").isEqualTo(high);

        String lowestFirst = original().replace("<text>priority * 10</text>", "<text>priority * -10</text>");
        assertThat(lowestFirst).isNotEqualTo(original());
        try {
            HttpResponse<String> deployed = deploy(lowestFirst);
            assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

            assertThat(dialWhom(session)).as("the analyst's new rule: lowest priority first").isEqualTo(low);
        } finally {
            assertThat(deploy(original()).statusCode()).isEqualTo(200);
        }
        assertThat(dialWhom(session)).isEqualTo(middle);
    }
}
