package io.progressivedialer.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadStatus;
import io.progressivedialer.session.DialerSession;
import io.progressivedialer.session.SessionStatus;
import io.progressivedialer.reports.DailyReport;
import io.progressivedialer.reports.DailyReports;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import io.progressivedialer.simulator.StandInCalls;
import java.io.StringReader;



/**
 * The whole product on a real port: 20 agents and 200 leads, the embedded Exotel stand-in driving every agent
 * through Exotel's flow over HTTP with time scaled down a hundredfold, the job executor running.
 */
@AutoConfigureObservability
@TestPropertySource("classpath:mostly-answered-calls.properties")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:end-to-end;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=endToEnd",
        "dialer.demo.enabled=false",
        "dialer.exotel.calls-per-minute=100000",
        "dialer.simulator.time-scale=0.01",
        "dialer.session.screening-patience=PT2S"})
public class DialerEndToEndTest extends StandInRun {

    @Autowired
    StandInCalls standIn;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DailyReports reports;
    @Autowired
    HistoryService history;

    static final int AGENTS = 20;
    static final int OWN_LEADS_PER_AGENT = 8;
    static final int POOL_LEADS = 40;

    @Test
    void everyLeadIsDialledExactlyOnceAndEverySessionEndsForItsReason() throws InterruptedException {
        List<String> agentIds = seed("e2e", AGENTS, OWN_LEADS_PER_AGENT, POOL_LEADS, "1");

        List<DialerSession> ended = runUntilAllEnded("e2e", agentIds, Duration.ofMinutes(3));

        assertEachLeadDialledOnce("e2e", ended);
        Map<Long, Lead> leadsById = leads.list("e2e", null, 10_000).stream()
                .collect(Collectors.toMap(Lead::id, Function.identity()));
        List<CallRecord> records = calls("e2e");
        assertThat(records).hasSize(AGENTS * OWN_LEADS_PER_AGENT + POOL_LEADS).allSatisfy(call -> {
            assertThat(call.outcomeAt()).as("outcome of %s", call.number()).isNotNull();
            assertThat(call.status()).isIn("completed", "busy", "no-answer", "failed");
            Lead lead = leadsById.get(call.leadId());
            assertThat(lead.phone()).isEqualTo(call.number());
            assertThat(lead.lastOutcome()).isEqualTo(call.status());
            if (call.status().equals("completed")) {
                assertThat(call.recordingUrl()).startsWith("https://").contains(call.agentCallSid());
                assertThat(call.countsAsContact()).isTrue();
                assertThat(lead.status()).isEqualTo(LeadStatus.CONTACTED);
            } else {
                assertThat(lead.status()).isEqualTo(LeadStatus.RETRY);
                assertThat(lead.nextAttemptAt()).isNotNull();
            }
        });
        assertThat(records).extracting(CallRecord::status).contains("completed", "busy", "no-answer", "failed");
        assertThat(ended).allSatisfy(session -> {
            assertThat(session.endReason()).isEqualTo("NO_LEADS");
            assertThat(session.agentCallStatus()).isEqualTo("completed");
        });
        assertThat(ended.stream().filter(s -> s.callsMade() > OWN_LEADS_PER_AGENT)).as("agents who dialled the pool")
                .isNotEmpty();
        assertTheEngineKeptEachSessionsStepsNotItsWaits(ended.get(0));
    }

    /** The production history level (sessions): the steps and the end, not the gateways and waits of every call. */
    private void assertTheEngineKeptEachSessionsStepsNotItsWaits(DialerSession session) {
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(session.processInstanceId())
                .singleResult().getEndTime()).isNotNull();
        List<HistoricActivityInstance> steps = history.createHistoricActivityInstanceQuery()
                .processInstanceId(session.processInstanceId()).list();
        assertThat(steps).extracting(HistoricActivityInstance::getActivityId)
                .contains("ConnectAgentToFlow", "SelectNextLead", "DecideCallDisposition", "RecordCallOutcome",
                        "EndedNoLeads")
                // popups are in the call records; an event subprocess's end is not the session's
                .doesNotContain("RecordCallProgress", "CallProgressRecorded", "CallOutcomeRecorded");
        assertThat(steps).extracting(HistoricActivityInstance::getActivityType)
                .doesNotContain("eventBasedGateway", "exclusiveGateway", "intermediateMessageCatch");
    }

    /**
     * Exotel's number metadata API refuses every request for the whole run: leads screened before it went down are
     * all dialled, each once, with no session ending while any remains; leads imported meanwhile await screening, and
     * the sessions say so when they end. Selection never asks Exotel, so dial-whom is not slowed by the outage.
     */
    @Test
    void whileExotelsNumbersApiIsDownScreenedLeadsAreAllDialledAndTheRestAwaitScreening()
            throws InterruptedException {
        List<String> agentIds = seed("numbers-down", 10, 6, 20, "4");
        List<Long> screened = leads.list("numbers-down", null, 10_000).stream().map(Lead::id).toList();
        standIn.refuseNumbers(true);
        try {
            StringBuilder unscreened = new StringBuilder("phone,name,agent,priority,timezone\n");
            for (int p = 0; p < 10; p++) {
                unscreened.append("+91984800%04d,Imported during the outage,,100,\n".formatted(p));
            }
            assertThat(leadImport.importCsv("numbers-down", new StringReader(unscreened.toString())).imported())
                    .isEqualTo(10);

            HistogramSnapshot before = dialWhomLatencies();
            List<DialerSession> ended = runUntilAllEnded("numbers-down", agentIds, Duration.ofMinutes(3));
            HistogramSnapshot after = dialWhomLatencies();

            Map<Long, Long> callsPerLead = calls("numbers-down").stream()
                    .collect(Collectors.groupingBy(CallRecord::leadId, Collectors.counting()));
            assertThat(callsPerLead.keySet()).as("exactly the screened leads were dialled")
                    .containsExactlyInAnyOrderElementsOf(screened);
            assertThat(callsPerLead.values()).allSatisfy(count -> assertThat(count).isEqualTo(1L));
            assertThat(ended).allSatisfy(session ->
                    assertThat(session.endReason()).isEqualTo("LEADS_AWAITING_SCREENING"));
            assertThat(leads.summary("numbers-down").awaitingScreening()).isEqualTo(10);
            // asking Exotel on the dial-whom path would wait out the client's retries (0.5 + 1 + 2 s) every time
            assertThat(p99Millis(before, after)).as("dial-whom p99 (ms) during the outage").isLessThan(2000);
        } finally {
            standIn.refuseNumbers(false);
        }
    }

    /**
     * A second of after-call work after every call, and three agents pausing for a moment mid-run: no agent is
     * given a customer while in after-call work or paused, by the agent-state log, and every lead is dialled once.
     */
    @Test
    void noAgentIsGivenACustomerDuringAfterCallWorkOrAPause() throws InterruptedException {
        List<String> agentIds = seed("wrap-up", 8, 5, 10, "5", 1);
        List<String> sessionIds = startAll("wrap-up", agentIds);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sessionIds.stream().anyMatch(id -> sessions.get(id).callsMade() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (String id : sessionIds.subList(0, 3)) {
            sessions.pause(id, "break");
        }
        Thread.sleep(1500);
        for (String id : sessionIds.subList(0, 3)) {
            if (sessions.get(id).status() != SessionStatus.ENDED) {
                sessions.ready(id);
            }
        }

        List<DialerSession> ended = awaitAllEnded(sessionIds, Duration.ofMinutes(3));

        assertEachLeadDialledOnce("wrap-up", ended);
        assertThat(ended).allSatisfy(session -> assertThat(session.endReason()).isEqualTo("NO_LEADS"));
        List<Stretch> notReady = jdbc.sql("""
                        select session_id, state, started_at, ended_at from agent_state_log
                         where state in ('WRAP_UP', 'PAUSED') and session_id in (:sessions)""")
                .param("sessions", sessionIds)
                .query((rs, row) -> new Stretch(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()))
                .list();
        assertThat(notReady).extracting(Stretch::state).contains("WRAP_UP", "PAUSED");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Kolkata"));
        List<DailyReport> report = reports.daily(today.minusDays(1), today.plusDays(1), "wrap-up", null);
        List<CallRecord> records = calls("wrap-up");
        assertThat(report.stream().mapToInt(DailyReport::calls).sum()).as("report's calls").isEqualTo(records.size());
        assertThat(report.stream().mapToInt(DailyReport::contacts).sum()).as("report's contacts")
                .isEqualTo((int) records.stream().filter(c -> Boolean.TRUE.equals(c.countsAsContact())).count());
        assertThat(report.stream().mapToLong(DailyReport::talkSeconds).sum()).as("report's talk time")
                .isEqualTo(records.stream().mapToLong(c -> c.conversationSeconds() == null ? 0 : c.conversationSeconds())
                        .sum());
        assertThat(report).anySatisfy(row -> assertThat(row.pauseSecondsByReason()).containsKey("break"));
        for (CallRecord call : calls("wrap-up")) {
            assertThat(notReady).as("not ready when %s was dialled", call.number()).noneMatch(stretch ->
                    stretch.sessionId().equals(call.sessionId()) && call.dialledAt().isAfter(stretch.from())
                            && call.dialledAt().isBefore(stretch.until()));
        }
    }

    /** A stretch of time an agent was not ready. */
    record Stretch(String sessionId, String state, Instant from, Instant until) {
    }

    private HistogramSnapshot dialWhomLatencies() {
        return meters.get("http.server.requests").tag("uri", "/exotel/dial-whom").timer().takeSnapshot();
    }

    /** The 99th percentile, in milliseconds, of the dial-whoms answered between two snapshots (Micrometer's buckets). */
    private static double p99Millis(HistogramSnapshot before, HistogramSnapshot after) {
        CountAtBucket[] earlier = before.histogramCounts();
        CountAtBucket[] later = after.histogramCounts();
        double count = after.count() - before.count();
        for (int b = 0; b < later.length; b++) {
            if (later[b].count() - earlier[b].count() >= 0.99 * count) {
                return later[b].bucket(TimeUnit.MILLISECONDS);
            }
        }
        return after.max(TimeUnit.MILLISECONDS);
    }
}
