package io.progressivedialer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.DialerApplication;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Nobody in without a login; agents only at their own desk; the administrator everywhere; no default password. */
class SecurityTest extends PassiveExotelTest {

    private HttpResponse<String> as(String authorization, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return sendAsIs(request.build());
    }

    private String agentWithPassword(String password) {
        String agent = newAgent();
        JsonNode saved = read(get("/api/agents/" + agent));
        assertThat(postJson("/api/agents", Map.of("id", agent, "name", saved.path("name").asText(),
                "phone", saved.path("phone").asText(), "password", password)).statusCode()).isEqualTo(200);
        return agent;
    }

    @Test
    void theApiAndTheEngineRestApiNeedALogin() {
        assertThat(as(null, "GET", "/api/sessions", null).statusCode()).isEqualTo(401);
        assertThat(as(basic("demo", "wrong"), "GET", "/api/sessions", null).statusCode()).isEqualTo(401);
        assertThat(as(null, "GET", "/engine-rest/process-definition", null).statusCode()).isEqualTo(401);
        assertThat(as(null, "POST", "/api/agents", "{}").statusCode()).isEqualTo(401);
        assertThat(as(ADMIN, "GET", "/engine-rest/engine/" + processEngine.getName()
                + "/process-definition/key/agent-session", null).statusCode()).isEqualTo(200);
        assertThat(as(null, "GET", "/camunda/api/engine/engine/" + processEngine.getName() + "/process-instance/count",
                null).statusCode()).as("Cockpit's API, behind Camunda's own login").isEqualTo(401);
        assertThat(as(null, "GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(as(null, "GET", "/actuator/prometheus", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anAgentReachesTheirOwnDeskAndNothingElse() {
        String campaign = newCampaign();
        String asha = agentWithPassword("asha-secret-1");
        String ravi = agentWithPassword("ravi-secret-1");
        String ashaLogin = basic(asha, "asha-secret-1");

        HttpResponse<String> own = as(ashaLogin, "POST", "/api/sessions",
                "{\"agentId\":\"" + asha + "\",\"campaignId\":\"" + campaign + "\"}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        String ownSession = read(own).path("sessionId").asText();
        assertThat(as(ashaLogin, "GET", "/api/sessions/" + ownSession, null).statusCode()).isEqualTo(200);
        assertThat(as(ashaLogin, "GET", "/api/sessions?agent=" + asha, null).statusCode()).isEqualTo(200);
        assertThat(read(as(ashaLogin, "GET", "/api/me", null)).path("username").asText()).isEqualTo(asha);

        String raviSession = read(postJson("/api/sessions", Map.of("agentId", ravi, "campaignId", campaign)))
                .path("sessionId").asText();
        HttpResponse<String> foreign = as(ashaLogin, "GET", "/api/sessions/" + raviSession, null);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(read(foreign).path("error").asText()).isEqualTo("forbidden");
        assertThat(as(ashaLogin, "DELETE", "/api/sessions/" + raviSession, null).statusCode()).isEqualTo(403);
        assertThat(as(ashaLogin, "GET", "/api/sessions", null).statusCode()).as("everyone's sessions").isEqualTo(403);
        assertThat(as(ashaLogin, "GET", "/api/agents/" + ravi + "/events", null).statusCode()).isEqualTo(403);
        assertThat(as(ashaLogin, "POST", "/api/sessions",
                "{\"agentId\":\"" + ravi + "\",\"campaignId\":\"" + campaign + "\"}").statusCode()).isEqualTo(403);
        assertThat(as(ashaLogin, "GET", "/api/leads", null).statusCode()).isEqualTo(403);
        assertThat(as(ashaLogin, "GET", "/engine-rest/process-definition", null).statusCode()).isEqualTo(403);
        assertThat(as(basic(asha, "wrong-password"), "GET", "/api/me", null).statusCode()).isEqualTo(401);
        assertThat(as(basic(ravi, "asha-secret-1"), "GET", "/api/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void withARealExotelAccountThereIsNoDefaultAdministrator() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DialerApplication.class)
                .run("--dialer.exotel.base-url=https://api.exotel.com", "--server.port=0"))
                .hasMessageContaining("dialer.admin.username and dialer.admin.password must be set");
    }
}
