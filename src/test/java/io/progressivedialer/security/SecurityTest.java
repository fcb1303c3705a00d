package io.progressivedialer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.DialerApplication;
import io.progressivedialer.PassiveExotelTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Nobody in without a login; agents only at their own desk; supervisors on the floor, the CRM at the calls; the
 * administrator everywhere; writes with the login cookie only with the CSRF token; no default password.
 */
class SecurityTest extends PassiveExotelTest {

    static final String SUPERVISOR = basic("supervisor", "supervisor");
    static final String INTEGRATION = basic("crm", "crm");

    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    CamundaLogins camundaLogins;

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
    void aSupervisorRunsTheFloorTheCrmReachesTheCallsAndAnAgentNeither() {
        String agent = agentWithPassword("asha-secret-1");
        String agentLogin = basic(agent, "asha-secret-1");
        for (String floor : new String[] {"/api/stats", "/api/reports/daily", "/api/leads", "/api/sessions"}) {
            assertThat(as(SUPERVISOR, "GET", floor, null).statusCode()).as("supervisor " + floor).isEqualTo(200);
            assertThat(as(INTEGRATION, "GET", floor, null).statusCode()).as("integration " + floor).isEqualTo(403);
            assertThat(as(agentLogin, "GET", floor, null).statusCode()).as("agent " + floor).isEqualTo(403);
        }
        assertThat(as(agentLogin, "GET", "/api/floor/events", null).statusCode()).isEqualTo(403);
        String campaign = newCampaign();
        assertThat(as(SUPERVISOR, "GET", "/api/campaigns", null).body()).as("every campaign").contains(campaign);
        assertThat(as(SUPERVISOR, "GET", "/api/agents/" + agent + "/desk", null).statusCode())
                .as("any agent's desk").isEqualTo(200);
        assertThat(as(SUPERVISOR, "GET", "/engine-rest/engine/" + processEngine.getName() + "/process-definition",
                null).statusCode()).as("the engine REST API is the administrator's").isEqualTo(403);
        assertThat(as(SUPERVISOR, "DELETE", "/api/people/+919812345678", null).statusCode()).isEqualTo(403);

        assertThat(as(INTEGRATION, "GET", "/api/calls", null).statusCode()).isEqualTo(200);
        assertThat(as(INTEGRATION, "GET", "/api/calls.csv", null).statusCode()).isEqualTo(200);
        HttpResponse<String> disposition = as(INTEGRATION, "POST", "/api/calls/987654321/disposition",
                "{\"outcome\":\"INTERESTED\"}");
        assertThat(disposition.statusCode()).as("let through, and told the call is unknown").isEqualTo(404);
        assertThat(as(INTEGRATION, "GET", "/api/agents/" + agent + "/desk", null).statusCode()).isEqualTo(403);
        assertThat(as(agentLogin, "GET", "/api/calls", null).statusCode()).isEqualTo(403);

        assertThat(read(as(SUPERVISOR, "GET", "/api/me", null)).path("roles").toString()).contains("SUPERVISOR");
        assertThat(read(as(agentLogin, "GET", "/api/me", null)).path("roles").toString()).isEqualTo("[\"AGENT\"]");
    }

    @Test
    void withTheLoginCookieAWriteNeedsTheCsrfTokenAndTheEngineRestApiNeedsBasic() throws Exception {
        String agent = agentWithPassword("asha-secret-1");
        String campaign = newCampaign();
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> signIn = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + agent + "&password=asha-secret-1&_csrf="
                        + csrfToken(cookies))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.headers().firstValue("Location").orElse("")).as("signed in").endsWith("/agent.html");
        assertThat(browser.send(HttpRequest.newBuilder(uri("/api/me")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("the cookie signs in").isEqualTo(200);

        String start = "{\"agentId\":\"" + agent + "\",\"campaignId\":\"" + campaign + "\"}";
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(uri("/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(start)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a write without the token, as another site would make it").isEqualTo(403);
        assertThat(read(get("/api/sessions?agent=" + agent)).size()).as("nothing started").isZero();

        HttpResponse<String> fromThePage = browser.send(HttpRequest.newBuilder(uri("/api/sessions"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrfToken(cookies))
                .POST(HttpRequest.BodyPublishers.ofString(start)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fromThePage.statusCode()).as(fromThePage.body()).isEqualTo(201);

        HttpResponse<String> engine = browser.send(HttpRequest.newBuilder(uri("/engine-rest/engine/"
                + processEngine.getName() + "/process-definition")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(engine.statusCode()).as("the cookie never reaches the engine REST API").isIn(401, 403);
        assertThat(engine.headers().firstValue("WWW-Authenticate")).as("no browser is asked for Basic credentials")
                .isEmpty();
    }

    @Test
    void theLoginFormSlowsDownAfterRepeatedFailures() throws Exception {
        String agent = agentWithPassword("bo-secret-123");
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES; i++) {
            assertThat(signIn(browser, cookies, agent, "wrong-" + i).headers().firstValue("Location").orElse(""))
                    .as("failure %d", i + 1).contains("/login?error");
        }

        HttpResponse<String> refused = signIn(browser, cookies, agent, "bo-secret-123");
        assertThat(refused.statusCode()).as("even the right password, for now").isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("try again");

        sleep(1_100);
        assertThat(signIn(browser, cookies, agent, "bo-secret-123").headers().firstValue("Location").orElse(""))
                .as("signed in once the block is over").endsWith("/agent.html");
        assertThat(SignInThrottle.block(SignInThrottle.FREE_FAILURES + 3)).hasSeconds(4);
        assertThat(SignInThrottle.block(100)).hasMinutes(15);
    }

    /** Basic credentials are a sign-in too: guessing a password through the API meets the same wall as the form. */
    @Test
    void theApiSlowsDownAfterRepeatedWrongPasswords() throws Exception {
        String agent = agentWithPassword("cy-secret-123");
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES; i++) {
            assertThat(as(basic(agent, "wrong-" + i), "GET", "/api/me", null).statusCode()).as("failure %d", i + 1)
                    .isEqualTo(401);
        }

        HttpResponse<String> refused = as(basic(agent, "cy-secret-123"), "GET", "/api/me", null);
        assertThat(refused.statusCode()).as("even the right password, for now").isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(read(refused).path("error").asText()).isEqualTo("too-many-requests");
        assertThat(read(refused).path("message").asText()).contains("try again");
        assertThat(as(ADMIN, "GET", "/api/me", null).statusCode()).as("other logins unaffected").isEqualTo(200);

        sleep(1_100);
        assertThat(as(basic(agent, "cy-secret-123"), "GET", "/api/me", null).statusCode())
                .as("signed in once the block is over").isEqualTo(200);
        assertThat(as(basic(agent, "wrong-again"), "GET", "/api/me", null).statusCode())
                .as("a success starts the count afresh").isEqualTo(401);
    }

    private HttpResponse<String> signIn(HttpClient browser, CookieManager cookies, String username, String password)
            throws Exception {
        return browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password
                        + "&_csrf=" + csrfToken(cookies))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void modelersDeployWithAWrongLoginIsAnsweredUnauthorizedNotAFailure() {
        String boundary = "modeler-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nrules\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"lead-rules.dmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + shippedLeadRules() + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> answer = sendAsIs(HttpRequest.newBuilder(uri("/engine-rest/deployment/create"))
                .header("Authorization", basic("demo", "not-the-password"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
    }

    @Test
    void theApiPageSignsInWithBasicAndSendsTheCsrfToken() {
        JsonNode api = read(get("/v3/api-docs"));
        assertThat(api.path("components").path("securitySchemes").path("login").path("scheme").asText())
                .isEqualTo("basic");
        assertThat(api.path("paths").path("/api/sessions").path("post").path("security").toString())
                .contains("login");
        assertThat(get("/swagger-ui/swagger-initializer.js").body()).as("Swagger UI sends the CSRF cookie's token")
                .contains("X-XSRF-TOKEN");
    }

    private static String csrfToken(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    @Test
    void camundasUsersFollowTheConfiguredLoginsAndASupervisorOnlyReadsInCockpit() {
        assertThat(identity.checkPassword("supervisor", "supervisor")).isTrue();
        assertThat(identity.checkPassword("demo", "demo")).isTrue();
        List<String> groups = List.of(CamundaLogins.SUPERVISORS);
        assertThat(authorizations.isUserAuthorized("supervisor", groups, Permissions.ACCESS, Resources.APPLICATION,
                "cockpit")).isTrue();
        assertThat(authorizations.isUserAuthorized("supervisor", groups, ProcessDefinitionPermissions.READ_INSTANCE,
                Resources.PROCESS_DEFINITION, "agent-session")).isTrue();
        assertThat(authorizations.isUserAuthorized("supervisor", groups, Permissions.DELETE,
                Resources.PROCESS_INSTANCE, "any")).as("cancelling a session").isFalse();
        assertThat(authorizations.isUserAuthorized("supervisor", groups, Permissions.CREATE, Resources.DEPLOYMENT,
                null)).as("deploying").isFalse();

        List<String> analysts = List.of(CamundaLogins.ANALYSTS);
        assertThat(identity.checkPassword("analyst", "analyst")).isTrue();
        assertThat(authorizations.isUserAuthorized("analyst", analysts, Permissions.READ,
                Resources.DECISION_DEFINITION, "lead-selection")).as("reads the tables in Cockpit").isTrue();
        assertThat(authorizations.isUserAuthorized("analyst", analysts, Permissions.READ,
                Resources.PROCESS_INSTANCE, "any")).as("not the sessions").isFalse();

        User supervisor = identity.createUserQuery().userId("supervisor").singleResult();
        supervisor.setPassword("changed-in-the-admin-app");
        identity.saveUser(supervisor);
        camundaLogins.keepInStep();
        assertThat(identity.checkPassword("supervisor", "supervisor")).as("the configured password again").isTrue();
    }

    @Test
    void withARealExotelAccountThereIsNoDefaultAdministrator() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DialerApplication.class)
                .run("--dialer.exotel.base-url=https://api.exotel.com", "--server.port=0"))
                .hasMessageContaining("dialer.admin.username and dialer.admin.password must be set");
    }
}
