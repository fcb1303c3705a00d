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
            HttpResponse<String> deployed = withCases(ANALYST, "/api/rules?name=lead-rules.dmn", lowestFirst,
                    LOWEST_FIRST_CASES);

            assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
            assertThat(as(ANALYST, "GET", "/api/rules/cases", "application/json", null).body())
                    .as("the cases deployed with it are in force").contains("lower priority first")
                    .doesNotContain("never outside the calling window");
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
            assertThat(as(ANALYST, "GET", "/api/rules/cases", "application/json", null).body())
                    .as("the cases that held the earlier version came back with it")
                    .doesNotContain("lower priority first");
            JsonNode changes = read(as(ANALYST, "GET", "/api/rules/lead-score/changes?from=" + (before + 1) + "&to="
                    + (before + 2), "application/json", null));
            assertThat(changes.path("changed")).hasSize(1);
            assertThat(changes.path("changed").get(0).path("before").path("cells").toString())
                    .contains("priority * -10");
            assertThat(changes.path("changed").get(0).path("after").path("description").asText())
                    .isEqualTo("higher priority first");
            assertThat(changes.path("added")).isEmpty();
            assertThat(changes.path("removed")).isEmpty();
            assertThat(as(ANALYST, "GET", "/api/rules/lead-selection/versions/" + (before + 2), "application/xml",
                    null).body()).as("the earlier version's rules again").contains("priority * 10")
                    .doesNotContain("priority * -10");
            assertThat(as(ANALYST, "POST", "/api/rules/lead-selection/rollback?version=999", "application/json", null)
                    .statusCode()).isEqualTo(404);
        } finally {
            restoreShippedRules();
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
            HttpResponse<String> refused = withCases(ANALYST, "/api/rules", nobodyEligible, "[]");

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(read(refused).path("message").asText()).contains("campaign " + campaign,
                    "no eligible lead among its 2 best ready leads (2 today)", "force=true");
            assertThat(leadSelection().path("latestVersion").asInt()).as("nothing deployed").isEqualTo(before);

            HttpResponse<String> forced = withCases(ANALYST, "/api/rules?force=true", nobodyEligible, "[]");
            assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
            assertThat(leadSelection().path("latestVersion").asInt()).isEqualTo(before + 1);
        } finally {
            restoreShippedRules();
        }
    }

    private static final String LOWEST_FIRST_CASES = """
            [{"name":"lower priority first","decision":"lead-selection",
              "facts":{"withinCallWindow":true,"priority":1,"attempts":0,"attemptsToday":0},
              "expect":{"eligible":true,"score":{"above":"a high priority"}}},
             {"name":"a high priority","decision":"lead-selection",
              "facts":{"withinCallWindow":true,"priority":9,"attempts":0,"attemptsToday":0},
              "expect":{"eligible":true}}]""";

    /** The rules page's deployment: the table and its cases, multipart. */
    private HttpResponse<String> withCases(String login, String path, String dmn, String cases) {
        String boundary = "page-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"table\"; filename=\"lead-rules.dmn\""
                + "\r\nContent-Type: application/xml\r\n\r\n" + dmn + "\r\n"
                + (cases == null ? "" : "--" + boundary + "\r\nContent-Disposition: form-data; name=\"cases\"; "
                + "filename=\"lead-rules.cases.json\"\r\nContent-Type: application/json\r\n\r\n" + cases + "\r\n")
                + "--" + boundary + "--\r\n";
        return as(login, "POST", path, "multipart/form-data; boundary=" + boundary, body);
    }

    @Test
    void aTableThatBreaksTheCasesInForceIsRefusedAtEveryDoorNamingTheCase() {
        int before = leadSelection().path("latestVersion").asInt();
        String callbacksLast = shippedLeadRules().replace("<text>1000</text>", "<text>-1000</text>");

        HttpResponse<String> api = as(ANALYST, "POST", "/api/rules", "application/xml", callbacksLast);
        HttpResponse<String> modeler = modelerDeploys(ANALYST, "lead-rules.dmn", callbacksLast);

        assertThat(api.statusCode()).as(api.body()).isEqualTo(400);
        assertThat(read(api).path("message").asText()).contains(
                "a promised callback is dialled whatever the attempts, before a fresh lead", "expected above");
        assertThat(modeler.statusCode()).as(modeler.body()).isEqualTo(400);
        assertThat(modeler.body()).contains("a promised callback is dialled whatever the attempts");
        assertThat(leadSelection().path("latestVersion").asInt()).as("nothing deployed").isEqualTo(before);
        assertThat(withCases(ANALYST, "/api/rules", shippedLeadRules(), "[{\"name\":\"x\"}]").statusCode())
                .as("malformed cases").isEqualTo(400);
    }

    @Test
    void validationAnswersRefusalsAndWarningsWithoutDeploying() {
        int before = leadSelection().path("latestVersion").asInt();
        String misspelt = shippedLeadRules().replace("<text>segment</text>", "<text>segmnt</text>")
                .replace("<text>1000</text>", "<text>-1000</text>");

        HttpResponse<String> validated = withCases(ANALYST, "/api/rules/validate", misspelt, null);

        assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
        JsonNode validation = read(validated);
        assertThat(validation.path("refusals")).hasSize(1);
        assertThat(validation.path("refusals").get(0).path("expression").asText())
                .isEqualTo("a promised callback is dialled whatever the attempts, before a fresh lead");
        assertThat(validation.path("warnings").toString()).contains("lead-score reads 'segmnt'")
                .doesNotContain("'priority'");
        assertThat(leadSelection().path("latestVersion").asInt()).as("nothing deployed").isEqualTo(before);
        assertThat(read(withCases(ANALYST, "/api/rules/validate", shippedLeadRules(), null)).path("refusals"))
                .isEmpty();
    }

    @Test
    void aColumnTheTableReadsAsANumberIsConvertedOrReported() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone,Loan Amount\n" + newLeadPhone() + ",Big," + agent
                + ",1,,\"1,50,000\"\n" + newLeadPhone() + ",Odd," + agent + ",1,,five lakh\n" + newLeadPhone()
                + ",Small," + agent + ",1,,9000\n");
        String bigLoansFirst = shippedLeadRules()
                .replace("<inputExpression id=\"lead-score-in-3-expr\" typeRef=\"string\">",
                        "<inputExpression id=\"lead-score-in-3-expr\" typeRef=\"integer\">")
                .replace("<text>segment</text>", "<text>Loan_Amount</text>")
                .replace("<text>\"vip\"</text>", "<text>&gt; 100000</text>");

        HttpResponse<String> previewed = as(ANALYST, "POST", "/api/campaigns/" + campaign + "/rules/preview?agent="
                + agent, "application/xml", bigLoansFirst);

        assertThat(previewed.statusCode()).as(previewed.body()).isEqualTo(200);
        JsonNode leads = read(previewed).path("leads");
        assertThat(leads.get(0).path("score").asDouble()).as("1,50,000 read as a number, above 1,00,000")
                .isGreaterThan(leads.get(1).path("score").asDouble());
        assertThat(leads.toString()).contains("column Loan_Amount: 'five lakh' is not an integer");
        assertThat(leads.get(0).path("unconverted")).isEmpty();
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

            HttpResponse<String> withCases = modelerDeploys(ANALYST, "lead-rules.cases.json", shippedCases());
            assertThat(withCases.statusCode()).as("the tables' test cases too").isEqualTo(200);

            HttpResponse<String> process = modelerDeploys(ANALYST, "agent-session.bpmn", "<definitions/>");
            assertThat(process.statusCode()).as("no process from the analyst").isEqualTo(403);
            assertThat(process.body()).contains("agent-session.bpmn");
            assertThat(modelerDeploys(SUPERVISOR, "lead-rules.dmn", shippedLeadRules()).statusCode()).isEqualTo(403);
            assertThat(modelerDeploys(ANALYST, "lead-rules.dmn", shippedLeadRules()
                    .replaceFirst("<text>\"CONTACTED\"</text>", "<text>\"CONTACTD\"</text>")).statusCode())
                    .as("the same checks").isEqualTo(400);
        } finally {
            restoreShippedRules();
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
