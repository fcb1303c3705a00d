package io.progressivedialer;

import io.progressivedialer.agents.Agent;
import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.exotel.ExotelProperties;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.lead.LeadRepository;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dialer on a real port and database with the embedded Exotel stand-in answering its API but not driving
 * any call: the test plays Exotel's part, one webhook at a time, and runs the engine's jobs itself.
 */
// metrics as in production: Spring Boot's tests leave the Prometheus endpoint out unless asked
@AutoConfigureObservability
@Import(WebhookStatements.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:passive-exotel;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        // several application contexts share the test JVM, and Camunda registers engines by name in it
        "camunda.bpm.process-engine-name=passive",
        "camunda.bpm.job-execution.enabled=false",
        // the process tests check every gateway and event a session passed; production keeps only its steps
        "camunda.bpm.history-level=activity",
        "dialer.demo.enabled=false",
        "dialer.simulator.drive-flow=false",
        "dialer.session.message-patience=PT0.3S",
        "dialer.inbox.orphaned-after=PT2S",
        "dialer.simulator.dnd-numbers=+919800000001",
        "dialer.exotel.calls-per-minute=100000",
        "dialer.dnd.screening-interval=PT0.05S",
        "dialer.exotel.account-retry=PT0.5S",
        "dialer.session.screening-patience=PT1S",
        "dialer.exotel.webhook-key-previous=" + PassiveExotelTest.PREVIOUS_WEBHOOK_KEY,
        "dialer.import.max-bytes=" + PassiveExotelTest.MAX_IMPORT_BYTES,
        "dialer.export.max-rows=" + PassiveExotelTest.MAX_EXPORT_ROWS})
public abstract class PassiveExotelTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** The webhook key before the current one: accepted while it is being rotated. */
    protected static final String PREVIOUS_WEBHOOK_KEY = "previous-demo-webhook-key";
    /** The largest import the passive tests' dialer takes. */
    protected static final int MAX_IMPORT_BYTES = 200_000;
    /** The longest call export the passive tests' dialer writes. */
    protected static final int MAX_EXPORT_ROWS = 50;
    /** What the passive tests' dialer signs its CRM posts with. */
    protected static final String CRM_SECRET = "crm-secret-shared-with-the-dialer-0123";
    /** The CRM every passive test's dialer forwards popups and finished calls to. */
    protected static final CrmReceiver CRM = new CrmReceiver();

    @DynamicPropertySource
    static void crm(DynamicPropertyRegistry properties) {
        properties.add("dialer.crm.webhook-url", CRM::url);
        properties.add("dialer.crm.poll-interval", () -> "PT0.1S");
        properties.add("dialer.crm.secret", () -> CRM_SECRET);
        properties.add("dialer.crm.post-timeout", () -> "PT1.5S");
    }
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;
    @Autowired
    protected ProcessEngine processEngine;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected ManagementService management;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected ExotelProperties exotel;
    @Autowired
    protected LeadRepository leadRepository;
    @Autowired
    protected CampaignRepository campaignRepository;
    @Autowired
    private JdbcClient jdbcClient;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(processEngine);
    }

    /** A fresh agent whose phone no other test uses, who may dial every test campaign; answers its id. */
    protected String newAgent() {
        int n = SEQUENCE.incrementAndGet();
        String id = "agent-" + n + "-" + System.nanoTime();
        assertThat(postJson("/api/agents", Map.of("id", id, "name", "Agent " + n,
                "phone", "+9197%08d".formatted(n)))
                .statusCode()).isEqualTo(200);
        // test campaigns are dialled by every test agent, unless a test says otherwise
        jdbcClient.sql("insert into campaign_agent (campaign_id, agent_id) select id, ? from campaign").param(id).update();
        return id;
    }

    /** A campaign calling round the clock; answers its id. */
    protected String newCampaign() {
        return newCampaign("00:00", "00:00");
    }

    protected String newCampaign(String windowStart, String windowEnd) {
        return newCampaign(windowStart, windowEnd, false);
    }

    /** A transactional campaign: its numbers are not screened, so many of them hold up no other test's screening. */
    protected String newUnscreenedCampaign() {
        return newCampaign("00:00", "00:00", true);
    }

    private String newCampaign(String windowStart, String windowEnd, boolean transactional) {
        String id = "campaign-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime();
        assertThat(postJson("/api/campaigns", Map.of("id", id, "name", "Test campaign", "callerId", "07314853246",
                "flowAppId", "383431", "timezone", "Asia/Kolkata", "callWindowStart", windowStart,
                "callWindowEnd", windowEnd, "transactional", transactional)).statusCode()).isEqualTo(200);
        jdbcClient.sql("insert into campaign_agent (campaign_id, agent_id) select ?, id from agent").param(id).update();
        return id;
    }

    /** Unique valid numbers for leads. */
    protected static String newLeadPhone() {
        return "+9196%08d".formatted(SEQUENCE.incrementAndGet());
    }

    /** The lead rules as the project ships them (dmn/lead-rules.dmn). */
    protected static String shippedLeadRules() {
        try (var dmn = PassiveExotelTest.class.getResourceAsStream("/lead-rules.dmn")) {
            return new String(dmn.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deploys a .dmn file to the engine REST API as Camunda Modeler's Deploy button does (multipart
     * POST /engine-rest/deployment/create), addressed to this context's engine by name, since the test JVM holds
     * several.
     */
    protected HttpResponse<String> deployDecisions(String dmn) {
        HttpResponse<String> deployed = deployment(dmn);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        return deployed;
    }

    /** The engine REST API's answer to a deployment of {@code dmn}, whatever it is. */
    protected HttpResponse<String> deployment(String dmn) {
        return deployment(dmn, null);
    }

    /**
     * The engine REST API's answer to a deployment of {@code dmn} with {@code cases} as its test cases (Modeler's
     * Deploy with the cases file added); null: the table alone.
     */
    protected HttpResponse<String> deployment(String dmn, String cases) {
        String boundary = "modeler-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nlead rules\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"lead-rules.dmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + dmn + "\r\n"
                + (cases == null ? "" : "--" + boundary + "\r\nContent-Disposition: form-data; name=\"cases\"; "
                + "filename=\"lead-rules.cases.json\"\r\nContent-Type: application/json\r\n\r\n" + cases + "\r\n")
                + "--" + boundary + "--\r\n";
        return post("/engine-rest/engine/" + processEngine.getName() + "/deployment/create",
                "multipart/form-data; boundary=" + boundary, body);
    }

    /** The test cases the project ships beside the lead rules (dmn/lead-rules.cases.json). */
    protected static String shippedCases() {
        try (var cases = PassiveExotelTest.class.getResourceAsStream("/lead-rules.cases.json")) {
            return new String(cases.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code test} with {@code dmn} deployed as the lead rules, then deploys the shipped rules again. The test
     * tables promise other things than the shipped ones: they are deployed with no cases, and the shipped ones with
     * theirs.
     */
    protected void withLeadRules(String dmn, Runnable test) {
        try {
            HttpResponse<String> deployed = deployment(dmn, "[]");
            assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
            test.run();
        } finally {
            restoreShippedRules();
        }
    }

    /** Deploys the shipped lead rules with their cases again. */
    protected void restoreShippedRules() {
        HttpResponse<String> shipped = deployment(shippedLeadRules(), shippedCases());
        assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
    }

    /** Imports leads and waits until the background screening has learnt every number's DND status. */
    protected JsonNode importLeads(String campaignId, String csv) {
        HttpResponse<String> response = post("/api/campaigns/" + campaignId + "/leads", "text/csv", csv);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        awaitScreening(campaignId);
        return read(response);
    }

    protected void awaitScreening(String campaignId) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (leadRepository.summary(campaignId).awaitingScreening() > 0 && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(leadRepository.summary(campaignId).awaitingScreening()).as("leads awaiting screening").isZero();
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new agent's connected session that has dialled its one lead, {@code phone}. */
    protected JsonNode sessionThatDialled(String phone) {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + phone + ",Lead," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        assertThat(dialWhom(session)).isEqualTo(phone);
        return session;
    }

    /** Starts a session and runs "Connect agent to flow", so that it waits for Exotel. */
    protected JsonNode startConnectedSession(String agentId, String campaignId) {
        campaignRepository.addAgent(campaignId, agentId);
        HttpResponse<String> started = postJson("/api/sessions", Map.of("agentId", agentId, "campaignId", campaignId));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String processInstanceId = read(started).path("processInstanceId").asText();
        runJobs(processInstanceId);
        return session(read(started).path("sessionId").asText());
    }

    protected JsonNode session(String sessionId) {
        return read(get("/api/sessions/" + sessionId));
    }

    protected ProcessInstance processInstance(JsonNode session) {
        return runtime.createProcessInstanceQuery()
                .processInstanceId(session.path("processInstanceId").asText()).singleResult();
    }

    /** Runs the jobs that are due now, as the job executor would. */
    protected void runJobs(String processInstanceId) {
        for (Job job : management.createJobQuery().processInstanceId(processInstanceId).executable().list()) {
            management.executeJob(job.getId());
        }
    }

    /** Runs the process's timer job now, as if its time had come. */
    protected void fireTimer(String processInstanceId, String activityId) {
        Job timer = management.createJobQuery().processInstanceId(processInstanceId).timers()
                .activityId(activityId).singleResult();
        assertThat(timer).as("timer at " + activityId).isNotNull();
        management.executeJob(timer.getId());
    }

    // Exotel's side of the flow, with the parameters its applets send, as Exotel documents them.

    /** Connect applet: whom to dial for this session's agent; null when the dialer answers no number. */
    protected String dialWhom(JsonNode session) {
        return numberIn(askWhomToDial(session, Map.of()));
    }

    /** Connect applet's request, with Exotel's CurrentTime on it. */
    protected HttpResponse<String> askWhomToDial(JsonNode session, String currentTime) {
        return askWhomToDial(session, Map.of("CurrentTime", currentTime));
    }

    protected HttpResponse<String> askWhomToDial(JsonNode session, Map<String, String> extra) {
        Map<String, String> params = new java.util.HashMap<>(Map.of(
                "CallSid", session.path("agentCallSid").asText(), "CallFrom", "09999999999",
                "CallStatus", "in-progress", "CallType", "call-attempt", "DialWhomNumber", "",
                "Direction", "incoming", "EndTime", "1970-01-01 05:30:00", "flow_id", "383431"));
        params.putAll(extra);
        return webhook("/exotel/dial-whom", params);
    }

    /** The number in a dial-whom answer; null for none. */
    protected String numberIn(HttpResponse<String> dialWhomAnswer) {
        assertThat(dialWhomAnswer.statusCode()).as(dialWhomAnswer.body()).isEqualTo(200);
        JsonNode numbers = read(dialWhomAnswer).path("destination").path("numbers");
        return numbers.isEmpty() ? null : numbers.get(0).asText();
    }

    /** Passthru applet: the customer call to {@code number} (E.164) ended as {@code dialCallStatus}. */
    protected HttpResponse<String> passthru(JsonNode session, String number, String dialCallStatus, int seconds) {
        String national = "0" + number.substring(3);
        return webhook("/exotel/passthru", Map.ofEntries(
                Map.entry("CallSid", session.path("agentCallSid").asText()),
                Map.entry("CallType", dialCallStatus.equals("completed") ? "completed" : "incomplete"),
                Map.entry("DialCallDuration", String.valueOf(seconds)),
                Map.entry("DialCallStatus", dialCallStatus),
                Map.entry("DialWhomNumber", national),
                Map.entry("Legs[0][Number]", national),
                Map.entry("Legs[0][OnCallDuration]", String.valueOf(seconds)),
                Map.entry("Legs[0][CauseCode]", dialCallStatus.equals("completed") ? "NORMAL_CLEARING" : "USER_BUSY"),
                Map.entry("RecordingUrl", "https://recordings.example/" + number + ".mp3"),
                Map.entry("CustomField", session.path("sessionId").asText())));
    }

    /** StatusCallback: the agent's call ended as {@code status}. */
    protected HttpResponse<String> agentCallEnded(JsonNode session, String status) {
        return postForm("/exotel/status?key=" + encode(exotel.webhookKey()), Map.of(
                "CallSid", session.path("agentCallSid").asText(), "Status", status, "EventType", "terminal",
                "CustomField", session.path("sessionId").asText()));
    }

    /** A Connect applet popup's parameters, as Exotel sends them, for the session's call to {@code number}. */
    protected Map<String, String> popup(JsonNode session, String number, String eventType) {
        return Map.of("CallSid", session.path("agentCallSid").asText(), "CallFrom", "09999999999",
                "DialWhomNumber", "0" + number.substring(3), "EventType", eventType, "Status", "busy",
                "Direction", "outbound-dial");
    }

    /**
     * Passthru "ready?" after the outcome, as Exotel sends it; {@code digits}: the keys the Gather applet before it
     * collected (sent in double quotes), or null on the first ask.
     */
    protected HttpResponse<String> askWhetherReady(JsonNode session, String digits) {
        Map<String, String> params = new java.util.HashMap<>(Map.of(
                "CallSid", session.path("agentCallSid").asText(), "CallFrom", "09999999999",
                "CallTo", "07314853246", "Direction", "incoming", "Created", "Wed, 14 Jul 2021 15:36:22",
                "CurrentTime", "2021-07-14 15:40:02", "CallType", "call-attempt", "flow_id", "383431",
                "tenant_id", "53926", "CustomField", session.path("sessionId").asText()));
        if (digits != null) {
            params.put("digits", "\"" + digits + "\"");
        }
        return webhook("/exotel/ready", params);
    }

    protected HttpResponse<String> webhook(String path, Map<String, String> params) {
        return get(path + "?key=" + encode(exotel.webhookKey()) + "&" + params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
    }

    protected HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    protected HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    protected HttpResponse<String> postJson(String path, Object body) {
        try {
            return post(path, "application/json", json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> put(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    protected HttpResponse<String> postForm(String pathAndQuery, Map<String, String> form) {
        return post(pathAndQuery, "application/x-www-form-urlencoded", form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
    }

    protected JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(response.body(), e);
        }
    }

    protected List<JsonNode> calls(String sessionId) {
        JsonNode calls = read(get("/api/calls?session=" + sessionId));
        return java.util.stream.StreamSupport.stream(calls.spliterator(), false).toList();
    }

    /** One event of an agent's desk stream: its name and its data. */
    protected record DeskEvent(String name, JsonNode data) {
    }

    /** The event a desk stream's reader adds once the dialer has closed the stream. */
    protected static final String DESK_CLOSED = "closed";

    /** Opens the agent's desk stream, checks its greeting, and collects its events as they come. */
    protected BlockingQueue<DeskEvent> listenToDesk(String agentId) throws Exception {
        BlockingQueue<DeskEvent> events = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri("/api/agents/" + agentId + "/events")).header("Authorization", ADMIN).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        ServerSentEvents.read(stream.body(), (name, data) -> events.add(new DeskEvent(name, json.readTree(data))),
                () -> events.add(new DeskEvent(DESK_CLOSED, null)));
        assertThat(nextDeskEvent(events, "hello").data().path("agentId").asText()).isEqualTo(agentId);
        return events;
    }

    /** The stream's next event, within five seconds, which must be {@code name}. */
    protected static DeskEvent nextDeskEvent(BlockingQueue<DeskEvent> events, String name) throws InterruptedException {
        DeskEvent event = events.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("event " + name).isNotNull();
        assertThat(event.name()).isEqualTo(name);
        return event;
    }

    protected URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    protected static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The demo administrator, who may call the whole API. */
    protected static final String ADMIN = basic("demo", "demo");

    protected static String basic(String username, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends as the administrator, unless the request says who it is. */
    private static HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        if (built.headers().firstValue("Authorization").isEmpty()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true).header("Authorization", ADMIN).build();
        }
        return sendAsIs(built);
    }

    protected static HttpResponse<String> sendAsIs(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
