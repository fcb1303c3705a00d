package io.progressivedialer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dialer API: what it stores, and the 4xx it gives for the caller's mistakes. */
class DialerApiTest extends PassiveExotelTest {

    private void assertError(HttpResponse<String> answer, int status, String messagePart) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(read(answer).path("error").asText()).isNotBlank();
        assertThat(read(answer).path("message").asText()).contains(messagePart);
    }

    @Test
    void agentsAreStoredWithTheirPhoneInE164() {
        HttpResponse<String> saved = postJson("/api/agents", Map.of("id", "asha", "name", "Asha", "phone", "098450 12345"));
        assertThat(read(saved).path("phone").asText()).isEqualTo("+919845012345");

        assertError(postJson("/api/agents", Map.of("id", "ravi", "name", "Ravi", "phone", "12345")), 400,
                "not a valid phone number");
        assertError(postJson("/api/agents", Map.of("id", "bad id!", "name", "Ravi", "phone", "09845012346")), 400, "id");
        assertError(postJson("/api/agents", Map.of("id", "ravi")), 400, "name");
        assertError(post("/api/agents", "application/json", "{not json"), 400, "not valid JSON");
        assertError(post("/api/agents", "text/plain", "asha"), 415, "not supported");
    }

    @Test
    void campaignsDefaultToIndianCallingHours() {
        JsonNode campaign = read(postJson("/api/campaigns", Map.of("id", "hours", "name", "Hours",
                "callerId", "07314853246", "flowAppId", "383431")));
        assertThat(campaign.path("callWindowStart").asText()).isEqualTo("09:00:00");
        assertThat(campaign.path("callWindowEnd").asText()).isEqualTo("21:00:00");
        assertThat(campaign.path("timezone").asText()).isEqualTo("Asia/Kolkata");

        assertError(postJson("/api/campaigns", Map.of("id", "x", "name", "X", "callerId", "07314853246",
                "flowAppId", "383431", "timezone", "Mars/Olympus")), 400, "timezone");
        assertError(postJson("/api/campaigns", Map.of("id", "x", "name", "X", "callerId", "07314853246",
                "flowAppId", "383431", "callWindowStart", "21:00", "callWindowEnd", "09:00")), 400, "before");
        JsonNode allDay = read(postJson("/api/campaigns", Map.of("id", "all-day", "name", "All day",
                "callerId", "07314853246", "flowAppId", "383431", "callWindowStart", "00:00", "callWindowEnd", "00:00")));
        assertThat(allDay.path("callWindowEnd").asText()).as("00:00 ends the window at midnight").isEqualTo("00:00:00");
        assertError(postJson("/api/campaigns", Map.of("id", "x", "name", "X", "callerId", "07314853246",
                "flowAppId", "app")), 400, "flowAppId");
    }

    @Test
    void leadImportTakesTheGoodRowsAndReportsEachBadOne() {
        String campaign = newCampaign();
        String agent = newAgent();
        String csv = """
                phone,name,agent,priority,timezone,city,segment
                09876500001,Asha,%1$s,5,Asia/Kolkata,Pune,vip
                +919876500002,Ravi,,0,,Delhi,
                12345,Short,%1$s,1,,,
                09876500003,Nobody,no-such-agent,1,,,
                09876500004,Eager,%1$s,high,,,
                09876500005,Lost,%1$s,1,Mars/Olympus,,
                098765 00001,Again,%1$s,1,,,
                09876500006,Mira,%1$s,2,America/New_York,Boston,
                """.formatted(agent);

        JsonNode report = importLeads(campaign, csv);

        assertThat(report.path("imported").asInt()).isEqualTo(3);
        assertThat(report.path("rejected").asInt()).isEqualTo(5);
        assertThat(report.path("rejections").findValuesAsText("line")).containsExactly("4", "5", "6", "7", "8");
        assertThat(report.path("rejections").findValuesAsText("reason")).satisfiesExactly(
                r -> assertThat(r).contains("invalid phone"),
                r -> assertThat(r).contains("unknown agent"),
                r -> assertThat(r).contains("priority"),
                r -> assertThat(r).contains("time zone"),
                r -> assertThat(r).contains("duplicate"));
        JsonNode leads = read(get("/api/leads?campaign=" + campaign));
        assertThat(leads.findValuesAsText("phone")).containsExactly("+919876500001", "+919876500002", "+919876500006");
        assertThat(leads.get(0).path("attributes").path("city").asText()).isEqualTo("Pune");
        assertThat(leads.get(0).path("attributes").path("segment").asText()).isEqualTo("vip");
        assertThat(leads.get(1).path("agentId").isMissingNode()).as("pool lead").isTrue();
        assertThat(leads.get(2).path("timezone").asText()).isEqualTo("America/New_York");

        assertThat(importLeads(campaign, "phone,name,agent,priority,timezone\n09876500002,Ravi,,0,\n")
                .path("rejections").get(0).path("reason").asText()).contains("duplicate");
    }

    /** Stored a thousand rows at a time as the file is read, yet one import: a file broken near its end stores nothing. */
    @Test
    void aLargeImportIsStoredAsItIsReadAndAllOrNothing() {
        String campaign = newUnscreenedCampaign();
        String csv = "phone,name,agent,priority,timezone\n" + rows("98765", 0, 2_500) + "+919876500007,Again,,1,\n";

        JsonNode report = read(post("/api/campaigns/" + campaign + "/leads", "text/csv", csv));

        assertThat(report.path("imported").asInt()).isEqualTo(2_500);
        assertThat(report.path("rejections").findValuesAsText("line")).as("a duplicate of a row stored two batches before")
                .containsExactly("2502");
        assertThat(get("/api/leads?campaign=" + campaign + "&size=1").headers().firstValue("X-Total-Count"))
                .hasValue("2500");

        String broken = "phone,name,agent,priority,timezone\n" + rows("98764", 0, 1_500)
                + "+919876399999,\"a quote never closed,,1,\n";
        assertError(post("/api/campaigns/" + campaign + "/leads", "text/csv", broken), 400, "not readable CSV");
        assertThat(get("/api/leads?campaign=" + campaign + "&size=1").headers().firstValue("X-Total-Count"))
                .as("the rows before the break are not kept").hasValue("2500");
    }

    /** While the file is still arriving, a poll sees the rows stored so far; once the import answers, the poll is 404. */
    @Test
    void anImportTellsHowFarItHasGotWhileItRuns() throws Exception {
        String campaign = newUnscreenedCampaign();
        UUID importId = UUID.randomUUID();
        String path = "/api/campaigns/" + campaign + "/leads?importId=" + importId;
        PipedOutputStream file = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(file, 1 << 16);
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(uri(path)).header("Authorization", ADMIN).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.ofString());
        byte[] first = ("phone,name,agent,priority,timezone\n" + rows("98763", 0, 2_500))
                .getBytes(StandardCharsets.UTF_8);
        file.write(first);
        file.flush();

        String progress = "/api/campaigns/" + campaign + "/imports/" + importId;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode seen = null;
        while (System.nanoTime() < deadline && (seen == null || seen.path("rowsRead").asInt() < 1_000)) {
            HttpResponse<String> poll = get(progress);
            seen = poll.statusCode() == 200 ? read(poll) : null;
            Thread.sleep(50);
        }
        assertThat(seen).as("progress while the file is still arriving").isNotNull();
        assertThat(seen.path("rowsRead").asInt()).isBetween(1_000, 2_500);
        assertThat(seen.path("charactersRead").asLong()).isBetween(1L, (long) first.length);
        assertThat(answer).as("the import waits for the rest of the file").isNotDone();
        assertError(post(path, "text/csv", "phone,name,agent,priority,timezone\n"), 409, "already running");

        file.write(rows("98763", 2_500, 3_000).getBytes(StandardCharsets.UTF_8));
        file.close();
        assertThat(read(answer.get(30, TimeUnit.SECONDS)).path("imported").asInt()).isEqualTo(3_000);
        assertThat(get(progress).statusCode()).as("over").isEqualTo(404);
        assertThat(post("/api/campaigns/" + campaign + "/leads?importId=not-a-uuid", "text/csv",
                "phone,name,agent,priority,timezone\n+919876299999,Lead,,1,\n").statusCode()).isEqualTo(400);
        assertThat(get("/api/leads?campaign=" + campaign + "&size=1").headers().firstValue("X-Total-Count"))
                .hasValue("3000");
    }

    /** CSV rows of pool leads numbered +91{prefix}{from} up to, not including, {to}. */
    private static String rows(String prefix, int from, int to) {
        StringBuilder rows = new StringBuilder();
        for (int i = from; i < to; i++) {
            rows.append("+91%s%05d,Lead %d,,1,\n".formatted(prefix, i, i));
        }
        return rows.toString();
    }

    @Test
    void leadImportRefusesAWrongHeaderOrCampaign() {
        String campaign = newCampaign();
        HttpResponse<String> wrongHeader = post("/api/campaigns/" + campaign + "/leads", "text/csv", "number,who\n0987,x\n");
        assertError(wrongHeader, 400, "header");
        assertError(post("/api/campaigns/nope/leads", "text/csv", "phone,name,agent,priority,timezone\n"), 404, "campaign nope");
        assertThat(read(get("/api/leads?campaign=" + campaign)).size()).isZero();
    }

    @Test
    void theApiIsDescribedOnAnOpenApiPage() {
        JsonNode openApi = read(get("/v3/api-docs"));
        assertThat(openApi.path("paths").fieldNames()).toIterable().contains("/api/sessions", "/api/sessions/{id}",
                "/api/campaigns/{id}/leads", "/api/calls", "/api/calls.csv", "/api/stats", "/api/agents/{id}/events");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);

        List<String> undocumented = new ArrayList<>();
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            String operation = method.getKey().toUpperCase() + " " + path.getKey();
            JsonNode spec = method.getValue();
            if (spec.path("summary").asText().isBlank()) {
                undocumented.add(operation + ": no summary");
            }
            spec.path("parameters").forEach(parameter -> {
                if (parameter.path("description").asText().isBlank()) {
                    undocumented.add(operation + ": parameter " + parameter.path("name").asText() + " undescribed");
                }
            });
            List<String> errors = new ArrayList<>();
            spec.path("responses").fieldNames().forEachRemaining(code -> {
                if (code.startsWith("4")) {
                    errors.add(code);
                    if (spec.path("responses").path(code).path("content").findValue("example") == null) {
                        undocumented.add(operation + ": answer " + code + " without an example");
                    }
                }
            });
            if (errors.isEmpty()) {
                undocumented.add(operation + ": no error answer");
            }
            // an answer or a request with a body shows an example of one (a 204 has none to show)
            boolean hasBody = spec.has("requestBody");
            boolean example = spec.path("requestBody").findValue("example") != null;
            for (var answer : spec.path("responses").properties()) {
                if (answer.getKey().startsWith("2")) {
                    hasBody |= answer.getValue().has("content");
                    example |= answer.getValue().findValue("example") != null;
                }
            }
            if (hasBody && !example) {
                undocumented.add(operation + ": no example");
            }
        }));
        assertThat(undocumented).as("every operation: a summary, its parameters, its error answers, an example")
                .isEmpty();
        assertThat(openApi.path("paths").has("/exotel-stand-in/v1/Accounts/{sid}/Calls/connect.json"))
                .as("the stand-in plays Exotel; it is not the dialer's API").isFalse();
    }

    @Test
    void sessionsAreStartedListedAndStopped() {
        String campaign = newCampaign();
        String agent = newAgent();
        assertError(postJson("/api/sessions", Map.of("agentId", "ghost", "campaignId", campaign)), 404, "agent ghost");
        assertError(postJson("/api/sessions", Map.of("agentId", agent, "campaignId", "ghost")), 404, "campaign ghost");
        assertError(postJson("/api/sessions", Map.of("agentId", agent)), 400, "campaignId");

        HttpResponse<String> started = postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign));
        assertThat(started.statusCode()).isEqualTo(201);
        JsonNode session = read(started);
        assertThat(session.path("sessionId").asText()).isNotBlank();
        assertThat(session.path("processInstanceId").asText()).isNotBlank();
        assertThat(session.path("status").asText()).isEqualTo("CONNECTING");

        assertThat(read(get("/api/sessions?status=CONNECTING")).findValuesAsText("sessionId"))
                .contains(session.path("sessionId").asText());
        assertError(get("/api/sessions/no-such-session"), 404, "session no-such-session");
        assertError(get("/api/sessions?status=SLEEPING"), 400,
                "status must be one of [CONNECTING, ACTIVE, STOPPING, ENDED] but was SLEEPING");
        assertError(get("/api/calls?lead=abc"), 400, "lead must be a number but was abc");
        assertError(get("/api/calls?newestFirst=%3Cb%3E"), 400, "newestFirst must be true or false but was ?b?");

        assertThat(delete("/api/sessions/" + session.path("sessionId").asText()).statusCode()).isEqualTo(202);
        assertThat(session(session.path("sessionId").asText()).path("status").asText()).isEqualTo("STOPPING");
    }
}
