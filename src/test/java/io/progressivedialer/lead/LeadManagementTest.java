package io.progressivedialer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Leads as an administrator manages them: searched and paged, edited, taken out of dialling, a person erased, and a
 * do-not-call list imported.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeadManagementTest extends PassiveExotelTest {

    @Autowired
    JdbcClient jdbc;

    private JsonNode lead(String campaign, String phone) {
        return read(get("/api/leads?campaign=" + campaign + "&q=" + encode(phone))).get(0);
    }

    @Test
    void leadsAreFoundByPhoneNameOrColumnOnePageAtATime() {
        String campaign = newCampaign();
        String agent = newAgent();
        String pune = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone,city\n" + pune + ",Ravi Kumar," + agent + ",1,,Pune\n"
                + newLeadPhone() + ",Meera Iyer," + agent + ",1,,Delhi\n" + newLeadPhone() + ",Kiran Das,,1,,Delhi\n");

        assertThat(read(get("/api/leads?campaign=" + campaign + "&q=pune")).findValuesAsText("phone"))
                .containsExactly(pune);
        assertThat(read(get("/api/leads?campaign=" + campaign + "&q=meera")).findValuesAsText("name"))
                .containsExactly("Meera Iyer");
        assertThat(read(get("/api/leads?campaign=" + campaign + "&q=" + pune.substring(5)))
                .findValuesAsText("phone")).containsExactly(pune);
        HttpResponse<String> delhi = get("/api/leads?campaign=" + campaign + "&q=DELHI&page=1&size=1");
        assertThat(delhi.headers().firstValue("X-Total-Count")).hasValue("2");
        assertThat(read(delhi).findValuesAsText("name")).containsExactly("Kiran Das");
        assertThat(read(get("/api/leads?campaign=" + campaign + "&q=100%25")).size()).as("% is a character").isZero();
        HttpResponse<String> noRows = get("/api/leads?campaign=" + campaign + "&size=0");
        assertThat(noRows.statusCode()).isEqualTo(400);
        assertThat(read(noRows).path("message").asText()).isEqualTo("size must be greater than or equal to 1");
        assertThat(get("/api/leads?campaign=" + campaign + "&status=LOST").statusCode()).isEqualTo(400);
    }

    @Test
    void aLeadIsEditedAndDecidedAboutAfresh() {
        String campaign = newCampaign();
        String agent = newAgent();
        String other = newAgent();
        String phone = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone,city\n" + phone + ",Ravi," + agent + ",1,,Pune\n");
        long id = lead(campaign, phone).path("id").asLong();

        HttpResponse<String> edited = put("/api/leads/" + id, Map.of("priority", 50, "agentId", other,
                "timezone", "Asia/Dubai", "attributes", Map.of("city", "Delhi", "plan", "Gold")));

        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        JsonNode lead = read(edited);
        assertThat(lead.path("priority").asInt()).isEqualTo(50);
        assertThat(lead.path("agentId").asText()).isEqualTo(other);
        assertThat(lead.path("timezone").asText()).isEqualTo("Asia/Dubai");
        assertThat(lead.path("attributes").path("city").asText()).isEqualTo("Delhi");
        assertThat(lead.path("attributes").path("plan").asText()).isEqualTo("Gold");
        assertThat(lead.path("ready").asBoolean()).as("decided about afresh").isFalse();
        assertThat(put("/api/leads/" + id, Map.of("attributes", Map.of("priority", "high"))).statusCode())
                .as("a column named like a fact").isEqualTo(400);
        assertThat(put("/api/leads/" + id, Map.of("agentId", "ghost")).statusCode()).isEqualTo(400);
        assertThat(put("/api/leads/" + id, Map.of("timezone", "Mars/Olympus")).statusCode()).isEqualTo(400);
        assertThat(put("/api/leads/" + id, Map.of("priority", 101)).statusCode()).isEqualTo(400);
        assertThat(put("/api/leads/999999999", Map.of("priority", 1)).statusCode()).isEqualTo(404);

        JsonNode session = startConnectedSession(other, campaign);
        leadRepository.releaseDue(java.time.Instant.now());
        assertThat(dialWhom(session)).isEqualTo(phone);
        assertThat(put("/api/leads/" + id, Map.of("priority", 1)).statusCode()).as("being dialled").isEqualTo(409);
    }

    @Test
    void aRemovedLeadIsNeverDialled() {
        String campaign = newCampaign();
        String agent = newAgent();
        String removed = newLeadPhone();
        String kept = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + removed + ",Gone," + agent + ",9,\n"
                + kept + ",Kept," + agent + ",1,\n");

        HttpResponse<String> answer = post("/api/leads/" + lead(campaign, removed).path("id").asLong() + "/remove",
                "application/json", "");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(read(answer).path("status").asText()).isEqualTo("REMOVED");
        JsonNode session = startConnectedSession(agent, campaign);
        assertThat(dialWhom(session)).isEqualTo(kept);
    }

    @Test
    void anErasedPersonLeavesNoNumberNameOrNotesBehind(CapturedOutput logs) {
        String campaign = newCampaign();
        String agent = newAgent();
        String phone = newLeadPhone();
        String digits = phone.substring(3); // in every form the number takes: +91..., 0..., 91..., bare
        importLeads(campaign, "phone,name,agent,priority,timezone,city\n" + phone + ",Ravi Kumar," + agent
                + ",1,,Pune\n");
        // the agent's desk is open: the dialer writes the desk events their screen is shown
        jdbc.sql("insert into desk_screen (node_id, agent_id, seen_at) values ('a-node', ?, ?)")
                .params(agent, java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(3600))).update();
        JsonNode session = startConnectedSession(agent, campaign);
        dialWhom(session);
        webhook("/exotel/popup", popup(session, phone, "Dial"));
        passthru(session, phone, "completed", 30);
        long callId = calls(session.path("sessionId").asText()).get(0).path("id").asLong();
        postJson("/api/calls/" + callId + "/disposition", Map.of("outcome", "INTERESTED", "notes", "Ravi likes Gold"));
        // the same person's outcome reported to a session that never dialled them: kept as unmatched, named
        JsonNode other = startConnectedSession(newAgent(), campaign);
        assertThat(passthru(other, phone, "busy", 0).statusCode()).isEqualTo(404);
        assertThat(stored(digits)).as("the person is in stored webhooks, CRM posts and desk events").isPositive();

        HttpResponse<String> erased = delete("/api/people/" + encode(phone));

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(read(erased).path("leads").asInt()).isEqualTo(1);
        assertThat(read(erased).path("calls").asInt()).isEqualTo(1);
        JsonNode lead = read(get("/api/leads?campaign=" + campaign)).get(0);
        assertThat(lead.path("phone").asText()).startsWith("erased:");
        assertThat(lead.path("name").isMissingNode()).isTrue();
        assertThat(lead.path("attributes").isMissingNode()).isTrue();
        assertThat(lead.path("status").asText()).isEqualTo("REMOVED");
        JsonNode call = calls(session.path("sessionId").asText()).get(0);
        assertThat(call.path("number").asText()).isEqualTo("erased");
        assertThat(call.path("notes").isMissingNode()).isTrue();
        assertThat(call.path("recordingUrl").isMissingNode()).isTrue();
        assertThat(stored(digits)).as("nothing stored names the person").isZero();
        assertThat(logs.getAll()).as("no log line names the person").doesNotContain(digits);
        assertThat(delete("/api/people/" + encode(phone)).statusCode()).as("nobody left").isEqualTo(404);
        assertThat(delete("/api/people/12").statusCode()).isEqualTo(400);
    }

    /** Rows of stored webhooks, CRM posts and desk events that name {@code digits}. */
    private int stored(String digits) {
        String like = "%" + digits + "%";
        return jdbc.sql("""
                        select (select count(*) from webhook_inbox where payload like :like or detail like :like)
                             + (select count(*) from crm_outbox where payload like :like)
                             + (select count(*) from desk_event where payload like :like)""")
                .param("like", like).query(Integer.class).single();
    }

    @Test
    void aDoNotCallListIsImportedAsCsv() {
        String first = newLeadPhone();
        String second = newLeadPhone();
        HttpResponse<String> imported = post("/api/do-not-call", "text/csv",
                "phone,reason\n" + first + ",complaint\n12,typo\n" + second + ",\n");

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(read(imported).path("imported").asInt()).isEqualTo(2);
        assertThat(read(imported).path("rejections").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(read(get("/api/do-not-call")).findValuesAsText("phone")).contains(first, second);
        assertThat(post("/api/do-not-call", "text/csv", "number\n" + first + "\n").statusCode()).isEqualTo(400);
    }

    @Test
    void anImportLargerThanAllowedIsRefusedAndImportsNothing() {
        String campaign = newCampaign();
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int i = 0; csv.length() <= MAX_IMPORT_BYTES; i++) {
            csv.append("+9195%08d,Customer with a long name to fill the file quickly,,1,\n".formatted(i));
        }

        HttpResponse<String> refused = post("/api/campaigns/" + campaign + "/leads", "text/csv", csv.toString());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(refused.body()).contains("dialer.import.max-bytes");
        assertThat(read(get("/api/leads?campaign=" + campaign)).size()).isZero();
        int listed = read(get("/api/do-not-call?limit=10000")).size();
        assertThat(post("/api/do-not-call", "text/csv", csv.toString().replace("phone,name", "phone,reason"))
                .statusCode()).isEqualTo(413);
        assertThat(read(get("/api/do-not-call?limit=10000")).size()).as("none of it added").isEqualTo(listed);
    }
}
