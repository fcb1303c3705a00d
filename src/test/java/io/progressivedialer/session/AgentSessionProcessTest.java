package io.progressivedialer.session;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import io.progressivedialer.simulator.StandInCalls;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of agent-session.bpmn, with the real delegates, tables and database, Exotel played by the test. */
public class AgentSessionProcessTest extends PassiveExotelTest {

    @Autowired
    StandInCalls standIn;

    /** dialer.session.idle-timeout, as configured by default. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    @Autowired
    QuietSessions quietSessions;

    @Autowired
    SessionRepository sessionRows;

    private String campaign;
    private String agent;

    private JsonNode sessionWithLeads(int count) {
        campaign = newCampaign();
        agent = newAgent();
        addLeads(count);
        return startConnectedSession(agent, campaign);
    }

    private List<String> addLeads(int count) {
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String phone = newLeadPhone();
            phones.add(phone);
            csv.append(phone).append(",Lead ").append(i).append(',').append(agent).append(',').append(count - i)
                    .append(",\n");
        }
        assertThat(importLeads(campaign, csv.toString()).path("imported").asInt()).isEqualTo(count);
        return phones;
    }

    @Test
    void connectsTheAgentThenAnswersEachRequestWithTheBestLead() {
        campaign = newCampaign();
        agent = newAgent();
        List<String> phones = addLeads(2);
        JsonNode session = startConnectedSession(agent, campaign);
        ProcessInstance process = processInstance(session);

        assertThat(process).hasPassed("ConnectAgentToFlow").isWaitingAt("WaitForExotel");
        assertThat(session.path("status").asText()).isEqualTo("CONNECTING");
        assertThat(session.path("agentCallSid").asText()).isNotBlank();

        assertThat(dialWhom(session)).isEqualTo(phones.get(0));
        assertThat(process).hasPassed("DecideWhetherToKeepDialing", "SelectNextLead").isWaitingAt("WaitForExotel");
        JsonNode active = session(session.path("sessionId").asText());
        assertThat(active.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.path("callsMade").asInt()).isEqualTo(1);
        assertThat(calls(session.path("sessionId").asText())).singleElement()
                .satisfies(call -> assertThat(call.path("status").asText()).isEqualTo("dialling"));
        assertThat(read(get("/api/leads?campaign=" + campaign + "&status=DIALLING")).size()).isEqualTo(1);
    }

    @Test
    void outcomeBeforeTheNextRequestClosesTheLeadAndTheNextLeadFollows() {
        JsonNode session = sessionWithLeads(2);
        String first = dialWhom(session);
        assertThat(read(passthru(session, first, "completed", 31)).path("status").asText()).isEqualTo("recorded");

        String second = dialWhom(session);

        assertThat(second).isNotEqualTo(first).isNotNull();
        assertThat(processInstance(session)).hasPassed("DecideCallDisposition", "RecordCallOutcome")
                .variables().containsEntry("outcomesRecorded", 1).containsEntry("callsDialled", 2);
        JsonNode firstCall = calls(session.path("sessionId").asText()).get(0);
        assertThat(firstCall.path("status").asText()).isEqualTo("completed");
        assertThat(firstCall.path("leadStatus").asText()).isEqualTo("CONTACTED");
        assertThat(firstCall.path("conversationSeconds").asInt()).isEqualTo(31);
    }

    @Test
    void nextRequestBeforeThePreviousOutcomeStillRecordsBoth() {
        JsonNode session = sessionWithLeads(2);
        String first = dialWhom(session);
        String second = dialWhom(session);

        assertThat(passthru(session, second, "busy", 0).statusCode()).isEqualTo(200);
        assertThat(passthru(session, first, "no-answer", 0).statusCode()).isEqualTo(200);

        assertThat(calls(session.path("sessionId").asText())).extracting(c -> c.path("status").asText())
                .containsExactly("no-answer", "busy");
        assertThat(processInstance(session)).variables().containsEntry("outcomesRecorded", 2)
                .containsEntry("consecutiveUnanswered", 2);
    }

    @Test
    void aDuplicatePassthruChangesNothing() {
        JsonNode session = sessionWithLeads(1);
        String number = dialWhom(session);
        passthru(session, number, "completed", 20);

        assertThat(read(passthru(session, number, "busy", 0)).path("status").asText()).isEqualTo("duplicate");

        assertThat(calls(session.path("sessionId").asText())).singleElement()
                .satisfies(call -> assertThat(call.path("status").asText()).isEqualTo("completed"));
        assertThat(processInstance(session)).variables().containsEntry("outcomesRecorded", 1);
    }

    @Test
    void agentHangingUpAfterTheLastOutcomeEndsTheSession() {
        JsonNode session = sessionWithLeads(3);
        ProcessInstance process = processInstance(session);
        passthru(session, dialWhom(session), "completed", 40);

        assertThat(agentCallEnded(session, "completed").statusCode()).isEqualTo(200);

        assertThat(process).hasPassed("AgentLegEnded", "RecordAgentHangUp").isEnded().hasPassed("EndedAgentHungUp");
        JsonNode ended = session(session.path("sessionId").asText());
        assertThat(ended.path("status").asText()).isEqualTo("ENDED");
        assertThat(ended.path("endReason").asText()).isEqualTo("AGENT_HUNG_UP");
        assertThat(read(get("/api/leads?campaign=" + campaign + "&status=NEW")).size()).isEqualTo(2);
    }

    @Test
    void anOutcomeArrivingAfterTheAgentHungUpStillFindsItsSession() {
        JsonNode session = sessionWithLeads(1);
        ProcessInstance process = processInstance(session);
        String number = dialWhom(session);

        agentCallEnded(session, "completed");
        assertThat(process).isWaitingAt("WaitForOutcomes");
        assertThat(session(session.path("sessionId").asText()).path("status").asText()).isNotEqualTo("ENDED");

        assertThat(passthru(session, number, "completed", 12).statusCode()).isEqualTo(200);

        assertThat(process).hasPassed("AllOutcomesRecorded").isEnded().hasPassed("EndedAgentHungUp");
        assertThat(calls(session.path("sessionId").asText())).singleElement()
                .satisfies(call -> assertThat(call.path("leadStatus").asText()).isEqualTo("CONTACTED"));
    }

    @Test
    void outcomesThatNeverArriveAreClosedAndTheirLeadsReleased() {
        JsonNode session = sessionWithLeads(1);
        ProcessInstance process = processInstance(session);
        dialWhom(session);
        agentCallEnded(session, "completed");

        fireTimer(process.getId(), "OutcomesOverdue");

        assertThat(process).hasPassed("CloseCallsWithoutOutcome").isEnded().hasPassed("EndedAgentHungUp");
        assertThat(calls(session.path("sessionId").asText())).singleElement()
                .satisfies(call -> assertThat(call.path("status").asText()).isEqualTo("missing"));
        JsonNode lead = read(get("/api/leads?campaign=" + campaign)).get(0);
        assertThat(lead.path("status").asText()).isEqualTo("RETRY");
        assertThat(lead.path("reservedBy").isMissingNode() || lead.path("reservedBy").isNull()).isTrue();
    }

    @Test
    void noDialableLeadLeftAnswersNoNumberAndEndsForThatReason() {
        JsonNode session = sessionWithLeads(1);
        ProcessInstance process = processInstance(session);
        passthru(session, dialWhom(session), "busy", 0);

        assertThat(dialWhom(session)).as("the busy lead is not due for 30 minutes").isNull();
        assertThat(process).hasPassed("NoLeadLeft");
        assertThat(session(session.path("sessionId").asText()).path("status").asText()).isEqualTo("STOPPING");

        agentCallEnded(session, "completed");
        assertThat(process).isEnded().hasPassed("EndedNoLeads");
        assertThat(session(session.path("sessionId").asText()).path("endReason").asText()).isEqualTo("NO_LEADS");
    }

    @Test
    void anAgentWhoStartsWhileTheLeadsAreBeingScreenedWaitsUnrungAndIsConnectedOnceTheyAre() {
        campaign = newCampaign();
        agent = newAgent();
        String lead = newLeadPhone();
        String agentPhone = read(get("/api/agents/" + agent)).path("phone").asText();
        standIn.refuseNumbers(true);
        JsonNode started;
        try {
            started = startWithAnUnscreenedLead(lead);

            ProcessInstance process = processInstance(started);
            assertThat(process).isWaitingAt("LeadsBeingScreened");
            JsonNode waiting = session(started.path("sessionId").asText());
            assertThat(waiting.path("agentState").asText()).isEqualTo("WAITING");
            assertThat(waiting.path("pauseReason").asText()).isEqualTo("leads awaiting DND screening");
            assertThat(standIn.timesRung(agentPhone)).as("not rung to be hung up").isZero();
        } finally {
            standIn.refuseNumbers(false);
        }
        awaitScreening(campaign);

        fireTimer(started.path("processInstanceId").asText(), "LeadsBeingScreened");
        runJobs(started.path("processInstanceId").asText());

        assertThat(standIn.timesRung(agentPhone)).isOne();
        assertThat(dialWhom(session(started.path("sessionId").asText()))).isEqualTo(lead);
    }

    /** Imports a lead while Exotel's number metadata is refused, and starts the agent's session. */
    private JsonNode startWithAnUnscreenedLead(String lead) {
        assertThat(post("/api/campaigns/" + campaign + "/leads", "text/csv", "phone,name,agent,priority,timezone\n"
                + lead + ",Just imported," + agent + ",1,\n").statusCode()).isEqualTo(200);
        return read(postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign)));
    }

    @Test
    void leadsStillUnscreenedAfterThePatienceEndTheSessionSayingSo() {
        campaign = newCampaign();
        agent = newAgent();
        standIn.refuseNumbers(true);
        try {
            JsonNode started = startWithAnUnscreenedLead(newLeadPhone());
            ProcessInstance process = processInstance(started);
            assertThat(process).isWaitingAt("LeadsBeingScreened");
            // the wait looks again when patience runs out, not at the next recheck (10 s)
            assertThat(management.createJobQuery().processInstanceId(process.getId()).timers()
                    .activityId("LeadsBeingScreened").singleResult().getDuedate())
                    .isBefore(Date.from(Instant.now().plusSeconds(1)));
            sleep(1_200); // dialer.session.screening-patience in these tests
            fireTimer(process.getId(), "LeadsBeingScreened");
            runJobs(process.getId());
            JsonNode session = session(started.path("sessionId").asText());

            assertThat(dialWhom(session)).as("not dialled before its DND status is known").isNull();
            assertThat(process).hasPassed("NoLeadLeft");
            agentCallEnded(session, "completed");

            assertThat(process).isEnded().hasPassed("EndedLeadsAwaitingScreening");
            assertThat(session(session.path("sessionId").asText()).path("endReason").asText())
                    .isEqualTo("LEADS_AWAITING_SCREENING");
        } finally {
            standIn.refuseNumbers(false);
        }
    }

    @Test
    void aStopWhileWaitingForScreeningEndsTheSessionUnrung() {
        campaign = newCampaign();
        agent = newAgent();
        String agentPhone = read(get("/api/agents/" + agent)).path("phone").asText();
        standIn.refuseNumbers(true);
        try {
            JsonNode started = startWithAnUnscreenedLead(newLeadPhone());
            ProcessInstance process = processInstance(started);

            assertThat(delete("/api/sessions/" + started.path("sessionId").asText()).statusCode()).isLessThan(300);
            fireTimer(process.getId(), "LeadsBeingScreened");

            assertThat(process).isEnded().hasPassed("EndedStopRequested");
            assertThat(standIn.timesRung(agentPhone)).isZero();
        } finally {
            standIn.refuseNumbers(false);
        }
    }

    @Test
    void anEmptyListStopsDialingByTheRules() {
        JsonNode session = sessionWithLeads(0);
        ProcessInstance process = processInstance(session);

        assertThat(dialWhom(session)).isNull();

        assertThat(process).hasPassed("StopDialing").hasNotPassed("SelectNextLead")
                .variables().containsEntry("endReason", "NO_LEADS");
        agentCallEnded(session, "completed");
        assertThat(process).isEnded().hasPassed("EndedNoLeads");
    }

    @Test
    void aStopRequestLetsTheCurrentCallFinishThenGivesNoNumber() {
        JsonNode session = sessionWithLeads(3);
        ProcessInstance process = processInstance(session);
        String number = dialWhom(session);

        assertThat(delete("/api/sessions/" + session.path("sessionId").asText()).statusCode()).isEqualTo(202);
        assertThat(process).hasPassed("NoteStopRequest").isWaitingAt("WaitForExotel");
        assertThat(session(session.path("sessionId").asText()).path("status").asText()).isEqualTo("STOPPING");
        passthru(session, number, "completed", 25);

        assertThat(dialWhom(session)).isNull();
        agentCallEnded(session, "completed");

        assertThat(process).hasPassed("StopDialing").isEnded().hasPassed("EndedStopRequested");
        assertThat(session(session.path("sessionId").asText()).path("endReason").asText()).isEqualTo("STOP_REQUESTED");
        assertThat(postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign)).statusCode())
                .as("the agent may start again").isEqualTo(201);
    }

    @Test
    void outsideTheCallingWindowTheShiftIsOver() {
        int hour = LocalTime.now(ZoneId.of("Asia/Kolkata")).getHour();
        campaign = hour < 12 ? newCampaign("13:00", "14:00") : newCampaign("01:00", "02:00");
        agent = newAgent();
        addLeads(2);
        JsonNode session = startConnectedSession(agent, campaign);
        ProcessInstance process = processInstance(session);

        assertThat(dialWhom(session)).isNull();
        agentCallEnded(session, "completed");

        assertThat(process).isEnded().hasPassed("EndedShiftOver");
    }

    @Test
    void tenUnansweredCallsInARowStopTheSession() {
        JsonNode session = sessionWithLeads(11);
        ProcessInstance process = processInstance(session);
        for (int i = 0; i < 10; i++) {
            passthru(session, dialWhom(session), "no-answer", 0);
        }

        assertThat(dialWhom(session)).isNull();
        agentCallEnded(session, "completed");

        assertThat(process).isEnded().hasPassed("EndedTooManyUnanswered");
    }

    @Test
    void anAgentWhoNeverAnswersIsReportedAsNotReached() {
        JsonNode session = sessionWithLeads(1);

        agentCallEnded(session, "no-answer");

        assertThat(processInstance(session)).isNull();
        assertThat(session(session.path("sessionId").asText()).path("endReason").asText()).isEqualTo("AGENT_NOT_REACHED");
    }

    @Test
    void aQuietSpellAsksExotelAndCarriesOnWhileTheAgentIsStillOnTheLine() {
        JsonNode session = sessionWithLeads(1);
        ProcessInstance process = processInstance(session);
        Instant later = Instant.now().plus(Duration.ofHours(1));

        quietSessions.askAboutQuietSessions(later);

        assertThat(process).isWaitingAt("WaitForExotel");
        assertThat(sessionRows.quiet(later.minus(IDLE_TIMEOUT))).as("asked once per quiet spell")
                .noneMatch(quiet -> quiet.sessionId().equals(session.path("sessionId").asText()));
        assertThat(dialWhom(session)).isNotNull();
    }

    @Test
    void aLostStatusCallbackIsMadeUpForByAskingExotel() {
        JsonNode session = sessionWithLeads(1);
        ProcessInstance process = processInstance(session);
        passthru(session, dialWhom(session), "completed", 30);
        standIn.endSilently(session.path("agentCallSid").asText(), "completed");

        quietSessions.askAboutQuietSessions(Instant.now().plus(Duration.ofHours(1)));

        assertThat(process).hasPassed("RecordAgentHangUp").isEnded().hasPassed("EndedAgentHungUp");
        assertThat(session(session.path("sessionId").asText()).path("agentCallStatus").asText())
                .isEqualTo("completed");
    }

    @Test
    void exotelRefusingTheConnectIsRetriedThenRaisedAsAnIncident() {
        campaign = newCampaign();
        agent = newAgent();
        addLeads(1);
        // 429 says nothing was placed: tried again at once; each job attempt tries Exotel 4 times
        standIn.refuseNextConnects(3 * 4, 429);
        JsonNode session = read(postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign)));
        String processInstanceId = session.path("processInstanceId").asText();

        for (int attempt = 0; attempt < 3; attempt++) {
            Job job = management.createJobQuery().processInstanceId(processInstanceId)
                    .singleResult();
            assertThat(job.getRetries()).isEqualTo(3 - attempt);
            assertThatThrownBy(() -> management.executeJob(job.getId()))
                    .hasMessageContaining("Exotel answered 429");
        }

        ProcessInstance process = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        assertThat(process).isWaitingAt("ConnectAgentToFlow");
        assertThat(runtime.createIncidentQuery().processInstanceId(processInstanceId).singleResult().getIncidentMessage())
                .contains("Exotel answered 429");

        Job failed = management.createJobQuery().processInstanceId(processInstanceId)
                .singleResult();
        management.setJobRetries(failed.getId(), 1);
        management.executeJob(failed.getId());
        assertThat(process).isWaitingAt("WaitForExotel");
        assertThat(runtime.createIncidentQuery().processInstanceId(processInstanceId).count()).isZero();
    }

    @Test
    void aConnectWhoseOutcomeIsUnknownNeverRingsTheAgentAgainAndTheFlowsFirstWebhookNamesTheCall() {
        campaign = newCampaign();
        agent = newAgent();
        List<String> phones = addLeads(1);
        standIn.refuseNextConnects(1, 500); // a 500: Exotel may have rung the agent
        JsonNode started = read(postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign)));
        String processInstanceId = started.path("processInstanceId").asText();
        String agentPhone = read(get("/api/agents/" + agent)).path("phone").asText();

        runJobs(processInstanceId);

        ProcessInstance process = processInstance(session(started.path("sessionId").asText()));
        assertThat(process).hasPassed("ConnectAgentToFlow").isWaitingAt("WaitForExotel");
        assertThat(runtime.createIncidentQuery().processInstanceId(processInstanceId).count()).isZero();
        assertThat(standIn.timesRung(agentPhone)).as("the connect was not tried again").isZero();
        assertThat(session(started.path("sessionId").asText()).path("agentCallSid").isMissingNode()).isTrue();

        String callSid = "c0ffee" + Long.toHexString(System.nanoTime());
        HttpResponse<String> answer = webhook("/exotel/dial-whom", Map.of("CallSid", callSid,
                "CallFrom", "0" + agentPhone.substring(3), "CallType", "call-attempt", "DialWhomNumber", ""));

        assertThat(answer.body()).contains(phones.get(0));
        assertThat(session(started.path("sessionId").asText()).path("agentCallSid").asText()).isEqualTo(callSid);
    }

    @Test
    void aConnectAnsweredSlowlyWhileTheSessionIsStoppedRingsTheAgentOnceAndKeepsItsCall() {
        campaign = newCampaign();
        agent = newAgent();
        addLeads(1);
        JsonNode started = read(postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign)));
        String sessionId = started.path("sessionId").asText();
        String processInstanceId = started.path("processInstanceId").asText();
        String agentPhone = read(get("/api/agents/" + agent)).path("phone").asText();
        Job connect = management.createJobQuery().processInstanceId(processInstanceId).singleResult();

        standIn.answerConnectsAfter(Duration.ofSeconds(3));
        try {
            CompletableFuture<Void> placing = CompletableFuture.runAsync(() -> management.executeJob(connect.getId()));
            sleep(1_000);
            assertThat(delete("/api/sessions/" + sessionId).statusCode()).isLessThan(300);
            try {
                placing.join();
            } catch (CompletionException notCommitted) {
                // the stop changed the session while the connect waited: the engine runs the connect again
            }
        } finally {
            standIn.answerConnectsAfter(Duration.ZERO);
        }
        if (management.createJobQuery().jobId(connect.getId()).count() == 1) {
            management.executeJob(connect.getId()); // as the engine does once the retry falls due
        }

        assertThat(standIn.callsTo(agentPhone)).as("the agent rung once").hasSize(1);
        assertThat(session(sessionId).path("agentCallSid").asText()).isEqualTo(standIn.callsTo(agentPhone).get(0));
        assertThat(processInstance(session(sessionId))).isWaitingAt("WaitForExotel");
        assertThat(management.createJobQuery().processInstanceId(processInstanceId).count()).isZero();
    }

    @Test
    void aSecondSessionForTheSameAgentIsRefused() {
        JsonNode session = sessionWithLeads(1);

        var second = postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign));

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(read(second).path("error").asText()).isEqualTo("conflict");
        assertThat(session(session.path("sessionId").asText()).path("status").asText()).isEqualTo("CONNECTING");
    }
}
