package io.progressivedialer.session;

import io.progressivedialer.desk.AgentDesk;
import io.progressivedialer.lead.LeadRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * No session is stuck forever: one whose connect has not succeeded after {@code dialer.session.connect-timeout} (an
 * incident in Cockpit, or Exotel never answering; counted from its latest wait for the Exotel API budget), or whose process instance is gone (cancelled in Cockpit, even skipping
 * listeners), is ended, its reserved lead released, and the agent may start again. Safe on every node at once: a
 * session ends once, whoever comes first.
 */
@Component
class StuckSessions {

    static final String CONNECT_TIMED_OUT = "CONNECT_TIMED_OUT";
    static final String PROCESS_GONE = "PROCESS_GONE";
    private static final int QUERY_BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(StuckSessions.class);

    private final SessionRepository sessions;
    private final LeadRepository leads;
    private final RuntimeService runtime;
    private final AgentDesk desk;
    private final Clock clock;
    private final Duration connectTimeout;
    private final MeterRegistry meters;

    StuckSessions(SessionRepository sessions, LeadRepository leads, RuntimeService runtime, AgentDesk desk,
                  Clock clock, MeterRegistry meters,
                  @Value("${dialer.session.connect-timeout:PT2M}") Duration connectTimeout) {
        this.meters = meters;
        // both series exist from the start, so that an alert on their increase sees the first one
        List.of(CONNECT_TIMED_OUT, PROCESS_GONE).forEach(reason -> meters.counter("dialer.sessions.stuck", "reason",
                reason));
        this.sessions = sessions;
        this.leads = leads;
        this.runtime = runtime;
        this.desk = desk;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
    }

    @Scheduled(fixedDelayString = "${dialer.session.stuck-sweep-interval:PT30S}")
    void sweep() {
        Instant now = clock.instant();
        List<DialerSession> live = sessions.live();
        Set<String> running = running(live);
        for (DialerSession session : live) {
            boolean processGone = session.processInstanceId() != null && !running.contains(session.processInstanceId());
            // connected sessions whose agent never answers are the process's own business (agent not reached); one
            // waiting for the Exotel API budget is not stuck: its time counts from its latest wait
            Instant lastProgress = session.budgetWaitSince() != null
                    && session.budgetWaitSince().isAfter(session.startedAt()) ? session.budgetWaitSince()
                    : session.startedAt();
            boolean connectTimedOut = session.status() == SessionStatus.CONNECTING && session.agentCallSid() == null
                    && lastProgress.plus(connectTimeout).isBefore(now);
            if (processGone) {
                end(session, PROCESS_GONE, now);
            } else if (connectTimedOut) {
                runtime.deleteProcessInstance(session.processInstanceId(), "not connected after " + connectTimeout,
                        true);
                end(session, CONNECT_TIMED_OUT, now);
            }
        }
    }

    /** Which of the sessions' process instances still run: one query per few hundred sessions, not one each. */
    private Set<String> running(List<DialerSession> live) {
        List<String> ids = live.stream().map(DialerSession::processInstanceId).filter(Objects::nonNull).toList();
        Set<String> running = new HashSet<>();
        for (int from = 0; from < ids.size(); from += QUERY_BATCH) {
            runtime.createProcessInstanceQuery()
                    .processInstanceIds(new HashSet<>(ids.subList(from, Math.min(ids.size(), from + QUERY_BATCH))))
                    .list().forEach(instance -> running.add(instance.getId()));
        }
        return running;
    }

    private void end(DialerSession session, String reason, Instant now) {
        meters.counter("dialer.sessions.stuck", "reason", reason).increment();
        int released = leads.releaseReservations(session.sessionId(), now);
        sessions.end(session.sessionId(), reason, now);
        desk.sessionChanged(session.agentId(), session.sessionId(), SessionStatus.ENDED.name(), reason);
        log.warn("Session {} of agent {} ended as {}; {} reserved lead(s) released", session.sessionId(),
                session.agentId(), reason, released);
    }
}
