package io.progressivedialer.endtoend;

import io.progressivedialer.agents.Agent;
import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.ServerSentEvents;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

/** A dialer's API over HTTP, as its administrator: seeding a campaign, starting sessions, checking a finished run. */
final class DialerApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String authorization;

    DialerApi(URI base, String username, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    boolean isHealthy() {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A round-the-clock campaign with {@code agents} agents of {@code leadsPerAgent} leads each; answers the agents. */
    List<String> seed(String campaign, int agents, int leadsPerAgent) {
        assertThat(post("/api/campaigns", Map.of("id", campaign, "name", campaign, "callerId", "07314853246",
                "flowAppId", "383431", "timezone", "Asia/Kolkata", "callWindowStart", "00:00",
                "callWindowEnd", "00:00")).statusCode()).isEqualTo(200);
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        List<String> agentIds = IntStream.range(0, agents).mapToObj(a -> campaign + "-agent-" + a).toList();
        for (int a = 0; a < agents; a++) {
            assertThat(post("/api/agents", Map.of("id", agentIds.get(a), "name", "Agent " + a,
                    "phone", "+91995000%04d".formatted(a))).statusCode()).isEqualTo(200);
            for (int l = 0; l < leadsPerAgent; l++) {
                csv.append("+91985000%04d,Lead,%s,1,\n".formatted(a * 100 + l, agentIds.get(a)));
            }
        }
        HttpResponse<String> members = send(HttpRequest.newBuilder(base.resolve("/api/campaigns/" + campaign + "/agents"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(String.join(",", agentIds.stream()
                        .map(agent -> "\"" + agent + "\"").toList()).transform(list -> "[" + list + "]"))));
        assertThat(members.statusCode()).as(members.body()).isEqualTo(200);
        HttpResponse<String> imported = send(HttpRequest.newBuilder(base.resolve("/api/campaigns/" + campaign + "/leads"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString())));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        awaitAllReady(campaign);
        return agentIds;
    }

    /** Waits until DND screening has made every lead of the campaign ready to be dialled. */
    private void awaitAllReady(String campaign) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!list("/api/leads?campaign=" + campaign).stream().allMatch(lead -> lead.path("ready").asBoolean())
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertThat(list("/api/leads?campaign=" + campaign)).allSatisfy(lead ->
                assertThat(lead.path("ready").asBoolean()).as("lead %s ready", lead.path("phone").asText()).isTrue());
    }

    /** Starts a session for each agent; answers the session ids. */
    List<String> startSessions(String campaign, List<String> agents) {
        List<String> sessions = new ArrayList<>();
        for (String agent : agents) {
            HttpResponse<String> started = post("/api/sessions", Map.of("agentId", agent, "campaignId", campaign));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            sessions.add(read(started.body()).path("sessionId").asText());
        }
        return sessions;
    }

    /** Whether every session has ended; an answer that is no session (a balancer's 502) counts as not yet. */
    boolean allEnded(List<String> sessions) {
        return sessions.stream().allMatch(id -> {
            HttpResponse<String> answer = get("/api/sessions/" + id);
            return answer.statusCode() == 200 && "ENDED".equals(read(answer.body()).path("status").asText());
        });
    }

    /**
     * What must hold after a run that nothing went wrong in: every session ended with no lead left, each lead was
     * dialled once, every call has Exotel's own outcome, no lead is left reserved and no session process is left.
     */
    void assertEveryLeadDialledOnceAndEverySessionEnded(String campaign, List<String> sessions, int leadCount) {
        assertThat(sessions).allSatisfy(id ->
                assertThat(session(id).path("endReason").asText()).isEqualTo("NO_LEADS"));
        List<JsonNode> calls = calls();
        Map<Long, Long> callsPerLead = calls.stream()
                .collect(Collectors.groupingBy(call -> call.path("leadId").asLong(), Collectors.counting()));
        assertThat(list("/api/leads?campaign=" + campaign)).hasSize(leadCount).allSatisfy(lead -> {
            assertThat(callsPerLead.get(lead.path("id").asLong())).as("calls to " + lead.path("phone")).isEqualTo(1L);
            assertThat(lead.path("attempts").asInt()).isEqualTo(1);
            assertThat(lead.path("status").asText()).isNotIn("NEW", "DIALLING");
            assertThat(lead.path("reservedBy").isMissingNode() || lead.path("reservedBy").isNull()).isTrue();
        });
        assertThat(calls).allSatisfy(call -> assertThat(call.path("status").asText())
                .as("outcome of the call to " + call.path("number")).isIn("completed", "busy", "no-answer", "failed"));
        assertThat(read(get("/engine-rest/process-instance/count?processDefinitionKey=agent-session").body())
                .path("count").asInt()).isZero();
    }

    /**
     * Opens the agent's desk event stream on this node and collects its events, each as {name, data}, as they come.
     */
    BlockingQueue<String[]> listen(String agentId) throws IOException, InterruptedException {
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(base.resolve("/api/agents/" + agentId
                + "/events")).header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        ServerSentEvents.read(stream.body(), (name, data) -> events.add(new String[] {name, data}), () -> { });
        return events;
    }

    JsonNode session(String id) {
        return read(get("/api/sessions/" + id).body());
    }

    List<JsonNode> calls() {
        return list("/api/calls?limit=10000");
    }

    private List<JsonNode> list(String path) {
        return StreamSupport.stream(read(get(path).body()).spliterator(), false).toList();
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private HttpResponse<String> post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", authorization).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }
}
