package io.progressivedialer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the supervisor's pages call: agents listed and added by the supervisor, a campaign's agents read, a removed
 * lead re-opened, the callbacks due before a time, the facts a test case takes from a lead, and the webhooks kept.
 */
class SupervisorConsoleApiTest extends PassiveExotelTest {

    private static final String SUPERVISOR = basic("supervisor", "supervisor");
    private static final String ANALYST = basic("analyst", "analyst");

    @Autowired
    JdbcClient jdbc;

    private HttpResponse<String> as(String login, String method, String path, String body) {
        return sendAsIs(HttpRequest.newBuilder(uri(path)).header("Authorization", login)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void theSupervisorAddsAgentsAndReadsACampaignsAgents() {
        String campaign = newCampaign();
        String id = "sup-" + System.nanoTime() % 1_000_000;

        HttpResponse<String> added = as(SUPERVISOR, "POST", "/api/agents",
                "{\"id\":\"" + id + "\",\"name\":\"Ila\",\"phone\":\"09900012345\",\"password\":\"ila-secret-1\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(as(SUPERVISOR, "GET", "/api/agents", null).body()).contains(id, "+919900012345");
        assertThat(as(SUPERVISOR, "PUT", "/api/campaigns/" + campaign + "/agents", "[\"" + id + "\"]").statusCode())
                .isEqualTo(200);

        assertThat(read(as(ANALYST, "GET", "/api/campaigns/" + campaign + "/agents", null)).toString())
                .isEqualTo("[\"" + id + "\"]");
        assertThat(as(SUPERVISOR, "GET", "/api/campaigns/nope/agents", null).statusCode()).isEqualTo(404);
        assertThat(as(ANALYST, "POST", "/api/agents", "{\"id\":\"x\",\"name\":\"X\",\"phone\":\"09900012346\"}")
                .statusCode()).as("the analyst adds no agent").isEqualTo(403);
        assertThat(as(SUPERVISOR, "POST", "/api/agents", "{\"id\":\"bad id\",\"name\":\"X\",\"phone\":\"1\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void aStoppedCampaignIsArchivedOutOfTheListsAndStaysStopped() {
        String campaign = newCampaign();

        assertThat(as(SUPERVISOR, "POST", "/api/campaigns/" + campaign + "/archive", null).statusCode())
                .as("stop it first").isEqualTo(409);
        assertThat(as(SUPERVISOR, "POST", "/api/campaigns/" + campaign + "/stop", null).statusCode()).isEqualTo(200);
        HttpResponse<String> archived = as(SUPERVISOR, "POST", "/api/campaigns/" + campaign + "/archive", null);

        assertThat(archived.statusCode()).as(archived.body()).isEqualTo(200);
        assertThat(read(archived).path("status").asText()).isEqualTo("ARCHIVED");
        assertThat(as(SUPERVISOR, "GET", "/api/campaigns", null).body()).doesNotContain("\"" + campaign + "\"");
        assertThat(as(SUPERVISOR, "GET", "/api/campaigns?archived=true", null).body()).contains("\"" + campaign + "\"");
        assertThat(as(SUPERVISOR, "POST", "/api/campaigns/" + campaign + "/resume", null).statusCode()).isEqualTo(409);
        assertThat(as(SUPERVISOR, "POST", "/api/campaigns/" + campaign + "/stop", null).statusCode()).isEqualTo(409);
        assertThat(as(SUPERVISOR, "POST", "/api/campaigns/nope/archive", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRemovedLeadIsReopenedAndCallbacksAreFoundByWhenTheyAreDue() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone,Loan Amount\n" + newLeadPhone() + ",Tara," + agent
                + ",5,,150000\n" + newLeadPhone() + ",Uma,,3,,\n");
        List<Lead> leads = leadRepository.list(campaign, null, 10);
        long tara = leads.stream().filter(l -> l.name().equals("Tara")).findFirst().orElseThrow().id();
        long uma = leads.stream().filter(l -> l.name().equals("Uma")).findFirst().orElseThrow().id();

        assertThat(as(SUPERVISOR, "POST", "/api/leads/" + uma + "/reopen", null).statusCode())
                .as("not removed").isEqualTo(409);
        assertThat(as(SUPERVISOR, "POST", "/api/leads/" + uma + "/remove", null).statusCode()).isEqualTo(200);
        HttpResponse<String> reopened = as(SUPERVISOR, "POST", "/api/leads/" + uma + "/reopen", null);
        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
        assertThat(read(reopened).path("status").asText()).isEqualTo("RETRY");
        assertThat(as(SUPERVISOR, "POST", "/api/leads/999999999/reopen", null).statusCode()).isEqualTo(404);

        Instant inAnHour = Instant.now().plusSeconds(3600);
        assertThat(as(SUPERVISOR, "PUT", "/api/leads/" + tara, "{\"callbackAt\":\"" + inAnHour + "\"}").statusCode())
                .isEqualTo(200);
        JsonNode dueToday = read(as(SUPERVISOR, "GET", "/api/leads?campaign=" + campaign + "&callbackBefore="
                + inAnHour.plusSeconds(60), null));
        JsonNode dueSooner = read(as(SUPERVISOR, "GET", "/api/leads?campaign=" + campaign + "&callbackBefore="
                + inAnHour.minusSeconds(60), null));
        assertThat(dueToday).hasSize(1);
        assertThat(dueToday.get(0).path("name").asText()).isEqualTo("Tara");
        assertThat(dueSooner).isEmpty();
        JsonNode promised = read(get("/api/agents/" + agent + "/callbacks"));
        assertThat(promised).hasSize(1);
        assertThat(promised.get(0).path("name").asText()).as("the agent's callbacks, for the desk").isEqualTo("Tara");
        assertThat(as(SUPERVISOR, "GET", "/api/leads?callbackBefore=tomorrow", null).statusCode()).isEqualTo(400);

        JsonNode facts = read(as(ANALYST, "GET", "/api/leads/" + tara + "/facts?agent=" + agent, null));
        assertThat(facts.path("ownLead").asBoolean()).isTrue();
        assertThat(facts.path("priority").asInt()).isEqualTo(5);
        assertThat(facts.path("Loan_Amount").asText()).as("a column under its fact name").isEqualTo("150000");
        assertThat(as(ANALYST, "GET", "/api/leads/" + tara + "/facts?agent=bad%20id", null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void webhooksGivenUpOnAreReadAndTriedAgain() {
        jdbc.sql("""
                        insert into webhook_inbox (kind, session_id, payload, state, detail, attempts, received_at)
                        values ('status', 'gone', '{"CallSid":"failed-call","Status":"completed"}', 'FAILED',
                                'could not apply', 9, ?)""")
                .param(java.sql.Timestamp.from(Instant.now())).update();
        long id = jdbc.sql("select max(id) from webhook_inbox where payload like '%failed-call%'").query(Long.class)
                .single();

        JsonNode failed = read(as(SUPERVISOR, "GET", "/api/webhooks?state=FAILED", null));
        JsonNode kept = java.util.stream.StreamSupport.stream(failed.spliterator(), false)
                .filter(w -> w.path("id").asLong() == id).findFirst().orElseThrow();
        assertThat(kept.path("payload").path("CallSid").asText()).isEqualTo("failed-call");
        assertThat(kept.path("detail").asText()).isEqualTo("could not apply");

        assertThat(as(SUPERVISOR, "POST", "/api/webhooks/" + id + "/retry", null).statusCode()).isEqualTo(202);
        assertThat(jdbc.sql("select state from webhook_inbox where id = ?").param(id).query(String.class).single())
                .isIn("RETRYING", "APPLYING", "UNMATCHED");
        assertThat(as(SUPERVISOR, "POST", "/api/webhooks/" + id + "/retry", null).statusCode())
                .as("no longer FAILED").isEqualTo(409);
        assertThat(as(SUPERVISOR, "POST", "/api/webhooks/999999999/retry", null).statusCode()).isEqualTo(404);
        assertThat(as(SUPERVISOR, "GET", "/api/webhooks?state=APPLIED", null).statusCode()).isEqualTo(400);
        assertThat(as(SUPERVISOR, "GET", "/api/webhooks?state=NOPE", null).statusCode()).isEqualTo(400);
        assertThat(as(ANALYST, "GET", "/api/webhooks", null).statusCode()).isEqualTo(403);
    }
}
