package io.progressivedialer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The analyst owns the tables through the rules API: lists the versions, reads one, deploys a file (checked on the
 * way in), rolls back; starts nothing, and the rules API is theirs and the administrator's alone.
 */
class RulesApiTest extends PassiveExotelTest {

    private static final String ANALYST = basic("analyst", "analyst");
    private static final String SUPERVISOR = basic("supervisor", "supervisor");

    private HttpResponse<String> as(String login, String method, String path, String contentType, String body) {
        return sendAsIs(HttpRequest.newBuilder(uri(path)).header("Authorization", login)
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode leadSelection() {
        return read(as(ANALYST, "GET", "/api/rules", "application/json", null)).findParents("key").stream()
                .filter(decision -> decision.path("key").asText().equals("lead-selection")).findFirst().orElseThrow();
    }

    @Test
    void theAnalystDeploysATableSeesItsVersionsAndRollsBack() {
        int before = leadSelection().path("latestVersion").asInt();
        String lowestFirst = shippedLeadRules().replace("<text>priority * 10</text>", "<text>priority * -10</text>");
        try {
            HttpResponse<String> deployed = as(ANALYST, "POST", "/api/rules?name=lead-rules.dmn", "application/xml",
                    lowestFirst);

            assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
            assertThat(read(deployed).path("decisions").toString()).contains("lead-selection", "call-disposition");
            JsonNode latest = leadSelection();
            assertThat(latest.path("latestVersion").asInt()).isEqualTo(before + 1);
            assertThat(latest.path("versions").get(0).path("deployedBy").asText()).startsWith("analyst from ");
            assertThat(latest.path("versions").get(0).path("source").asText()).isEqualTo("rules API");
            assertThat(as(ANALYST, "GET", "/api/rules/lead-selection/versions/" + (before + 1), "application/xml",
                    null).body()).contains("priority * -10");

            HttpResponse<String> rolledBack = as(ANALYST, "POST", "/api/rules/lead-selection/rollback?version="
                    + before, "application/json", null);

            assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
            assertThat(leadSelection().path("latestVersion").asInt()).isEqualTo(before + 2);
            assertThat(as(ANALYST, "GET", "/api/rules/lead-selection/versions/" + (before + 2), "application/xml",
                    null).body()).as("the earlier version's rules again").contains("priority * 10")
                    .doesNotContain("priority * -10");
            assertThat(as(ANALYST, "POST", "/api/rules/lead-selection/rollback?version=999", "application/json", null)
                    .statusCode()).isEqualTo(404);
        } finally {
            deployDecisions(shippedLeadRules());
        }
    }

    @Test
    void aTableTheChecksRefuseIsNotDeployedAndTheAnswerSaysWhy() {
        int before = leadSelection().path("latestVersion").asInt();

        HttpResponse<String> refused = as(ANALYST, "POST", "/api/rules", "application/xml", shippedLeadRules()
                .replaceFirst("<text>\"CONTACTED\"</text>", "<text>\"CONTACTD\"</text>"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(read(refused).path("message").asText()).contains("call-disposition-rule-0-out-0", "CONTACTD");
        assertThat(leadSelection().path("latestVersion").asInt()).as("nothing deployed").isEqualTo(before);
        assertThat(as(ANALYST, "POST", "/api/rules?name=agent-session.bpmn", "application/xml", "<definitions/>")
                .statusCode()).as("tables only").isEqualTo(400);
        assertThat(as(ANALYST, "POST", "/api/rules", "application/xml", "").statusCode()).isEqualTo(400);
    }

    @Test
    void aTableThatWouldLeaveAnActiveCampaignWithNoEligibleLeadIsRefusedUnlessForced() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",A," + agent + ",5,\n"
                + newLeadPhone() + ",B,,3,\n");
        int before = leadSelection().path("latestVersion").asInt();
        // the rule that lets every other lead through says no
        String nobodyEligible = shippedLeadRules().replaceFirst(
                "(id=\"lead-selection-rule-3-out-0\">\\s*<text>)true(</text>)", "$1false$2");
        assertThat(nobodyEligible).isNotEqualTo(shippedLeadRules());
        try {
            HttpResponse<String> refused = as(ANALYST, "POST", "/api/rules", "application/xml", nobodyEligible);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(read(refused).path("message").asText()).contains("campaign " + campaign,
                    "no eligible lead among its 2 best ready leads (2 today)", "force=true");
            assertThat(leadSelection().path("latestVersion").asInt()).as("nothing deployed").isEqualTo(before);

            HttpResponse<String> forced = as(ANALYST, "POST", "/api/rules?force=true", "application/xml",
                    nobodyEligible);
            assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
            assertThat(leadSelection().path("latestVersion").asInt()).isEqualTo(before + 1);
        } finally {
            deployDecisions(shippedLeadRules());
        }
    }

    /** Camunda Modeler's Deploy: a multipart deployment of one file to the engine REST API. */
    private HttpResponse<String> modelerDeploys(String login, String fileName, String content) {
        String boundary = "modeler-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nrules\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return as(login, "POST", "/engine-rest/engine/" + processEngine.getName() + "/deployment/create",
                "multipart/form-data; boundary=" + boundary, body);
    }

    @Test
    void modelersDeployWithTheAnalystsLoginTakesDecisionTablesOnly() {
        int before = leadSelection().path("latestVersion").asInt();
        try {
            HttpResponse<String> tables = modelerDeploys(ANALYST, "lead-rules.dmn", shippedLeadRules());
            assertThat(tables.statusCode()).as(tables.body()).isEqualTo(200);
            assertThat(leadSelection().path("latestVersion").asInt()).isEqualTo(before + 1);

            HttpResponse<String> process = modelerDeploys(ANALYST, "agent-session.bpmn", "<definitions/>");
            assertThat(process.statusCode()).as("no process from the analyst").isEqualTo(403);
            assertThat(process.body()).contains("agent-session.bpmn");
            assertThat(modelerDeploys(SUPERVISOR, "lead-rules.dmn", shippedLeadRules()).statusCode()).isEqualTo(403);
            assertThat(modelerDeploys(ANALYST, "lead-rules.dmn", shippedLeadRules()
                    .replaceFirst("<text>\"CONTACTED\"</text>", "<text>\"CONTACTD\"</text>")).statusCode())
                    .as("the same checks").isEqualTo(400);
        } finally {
            deployDecisions(shippedLeadRules());
        }
    }

    @Test
    void theAnalystPreviewsButStartsNothingAndOnlyTheAnalystAndAdministratorDeploy() {
        String campaign = newCampaign();
        String agent = newAgent();

        assertThat(as(ANALYST, "POST", "/api/campaigns/" + campaign + "/rules/preview?agent=" + agent,
                "application/xml", "").statusCode()).isEqualTo(200);
        assertThat(as(ANALYST, "GET", "/api/leads?campaign=" + campaign, "application/json", null).statusCode())
                .isEqualTo(200);
        assertThat(as(ANALYST, "POST", "/api/sessions", "application/json",
                "{\"agentId\":\"" + agent + "\",\"campaignId\":\"" + campaign + "\"}").statusCode()).isEqualTo(403);
        assertThat(as(ANALYST, "POST", "/api/campaigns/" + campaign + "/pause", "application/json", null).statusCode())
                .isEqualTo(403);
        assertThat(as(ANALYST, "GET", "/engine-rest/engine/" + processEngine.getName() + "/deployment",
                "application/json", null).statusCode()).as("the engine REST API is the administrator's")
                .isEqualTo(403);
        assertThat(as(SUPERVISOR, "GET", "/api/rules", "application/json", null).statusCode()).isEqualTo(403);
        assertThat(as(SUPERVISOR, "POST", "/api/rules", "application/xml", shippedLeadRules()).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/rules").statusCode()).as("the administrator").isEqualTo(200);
        assertThat(read(as(ANALYST, "GET", "/api/me", "application/json", null)).path("roles").toString())
                .contains("ANALYST");
    }
}
