package io.progressivedialer.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import io.progressivedialer.common.SpreadsheetSafe;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daily report over HTTP, as JSON and CSV, from one agent's calls, wrap-up and pause. */
class DailyReportApiTest extends PassiveExotelTest {

    @Test
    void reportsCountTheCallsAndWhereTheAgentsTimeWent() {
        String campaign = "report-" + System.nanoTime();
        assertThat(postJson("/api/campaigns", Map.of("id", campaign, "name", "Report", "callerId", "07314853246",
                "flowAppId", "383431", "callWindowStart", "00:00", "callWindowEnd", "00:00", "wrapUpSeconds", 60))
                .statusCode()).isEqualTo(200);
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",A," + agent + ",9,\n"
                + newLeadPhone() + ",B," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        passthru(session, dialWhom(session), "completed", 75);
        assertThat(askWhetherReady(session, null).statusCode()).as("after-call work").isEqualTo(302);
        assertThat(askWhetherReady(session, "1").statusCode()).isEqualTo(200);
        postJson("/api/sessions/" + session.path("sessionId").asText() + "/pause", Map.of("reason", "lunch"));
        passthru(session, dialWhom(session), "busy", 0);
        assertThat(askWhetherReady(session, null).statusCode()).as("after-call work").isEqualTo(302);
        assertThat(askWhetherReady(session, "1").statusCode()).as("then the pause").isEqualTo(302);

        String today = LocalDate.now(ZoneId.of("Asia/Kolkata")).toString();
        String range = "from=" + LocalDate.parse(today).minusDays(1) + "&to=" + today + "&campaign=" + campaign;
        JsonNode rows = read(get("/api/reports/daily?" + range));
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.path("day").asText()).isEqualTo(today);
        assertThat(row.path("agentId").asText()).isEqualTo(agent);
        assertThat(row.path("calls").asInt()).isEqualTo(2);
        assertThat(row.path("contacts").asInt()).isEqualTo(1);
        assertThat(row.path("contactRate").asDouble()).isEqualTo(0.5);
        assertThat(row.path("talkSeconds").asLong()).isEqualTo(75);
        assertThat(row.path("pauseSecondsByReason").has("lunch")).as(row.toString()).isTrue();

        HttpResponse<String> csv = get("/api/reports/daily.csv?" + range);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("day,campaign,agent,calls,contacts")
                .endsWith("pause:lunch");
        assertThat(csv.body().lines().skip(1).findFirst().orElseThrow()).startsWith(today + "," + campaign + ","
                + agent + ",2,1,0.500,75,");

        JsonNode calls = read(get("/api/reports/daily/calls?day=" + today + "&campaign=" + campaign + "&agent=" + agent));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).path("recordingUrl").asText()).as("the drill-down plays it").startsWith("https://");
        assertThat(get("/api/reports/daily/calls?day=today&campaign=" + campaign + "&agent=" + agent).statusCode())
                .isEqualTo(400);

        assertThat(get("/api/reports/daily?from=2026-02-01&to=2026-01-01").statusCode()).isEqualTo(400);
        assertThat(get("/api/reports/daily?from=2024-01-01&to=2026-01-01").statusCode()).isEqualTo(400);
        assertThat(get("/api/reports/daily?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/api/reports/daily?campaign=ghost").statusCode()).isEqualTo(404);
    }

    @Test
    void aCellASpreadsheetWouldRunIsDefused() {
        assertThat(SpreadsheetSafe.cell("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(SpreadsheetSafe.cell("+91")).isEqualTo("'+91");
        assertThat(SpreadsheetSafe.cell("-1")).isEqualTo("'-1");
        assertThat(SpreadsheetSafe.cell("@SUM")).isEqualTo("'@SUM");
        assertThat(SpreadsheetSafe.cell("\tx")).isEqualTo("'\tx");
        assertThat(SpreadsheetSafe.cell("asha")).isEqualTo("asha");
    }
}
