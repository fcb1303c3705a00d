package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.calls.CallOutcomes;
import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.common.LogSafe;
import io.progressivedialer.exotel.ExotelApi;
import io.progressivedialer.exotel.ExotelApiException;
import io.progressivedialer.exotel.ExotelClient;
import io.progressivedialer.lead.LeadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The agent's line is over but some customer calls never got their Passthru, which Exotel never sends twice (a node
 * down, a network fault). Exotel's Call Details of each line, with its legs (asked once the outcome timeout has let
 * durations settle), tell what became of them: Leg 1 is the agent's, the legs after it the customers' in the order
 * the flow dialled them. A leg with conversation time was a conversation; Leg 2's status is the first customer's.
 * What Call Details cannot tell is closed as {@code missing}, its lead released for another attempt an hour later,
 * so no lead stays reserved for ever.
 */
@Component("reconcileMissingOutcomes")
class ReconcileMissingOutcomes implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(ReconcileMissingOutcomes.class);

    static final String MISSING = "missing";
    /** The call may have reached the customer: not again at once. */
    static final Duration RETRY_AFTER = Duration.ofHours(1);
    private static final Set<String> UNANSWERED = Set.of("busy", "no-answer", "failed", "canceled");

    private final CallRecordRepository calls;
    private final CallOutcomes callOutcomes;
    private final ExotelClient exotel;
    private final Clock clock;

    ReconcileMissingOutcomes(CallRecordRepository calls, CallOutcomes callOutcomes, ExotelClient exotel,
                             Clock clock) {
        this.calls = calls;
        this.callOutcomes = callOutcomes;
        this.exotel = exotel;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String sessionId = (String) execution.getVariable(SESSION_ID);
        Map<String, List<CallRecord>> missingByLine = calls.withoutOutcome(sessionId).stream()
                .collect(Collectors.groupingBy(ReconcileMissingOutcomes::line, LinkedHashMap::new,
                        Collectors.toList()));
        // each line's calls in the order dialled: the nth of them is Call Details' leg n + 1
        Map<String, List<Long>> dialledByLine = missingByLine.isEmpty() ? Map.of()
                : calls.list(CallRecordRepository.CallSearch.of(sessionId, null), 10_000, false).stream()
                        .collect(Collectors.groupingBy(ReconcileMissingOutcomes::line,
                                Collectors.mapping(CallRecord::id, Collectors.toList())));
        int reconciled = 0;
        for (Map.Entry<String, List<CallRecord>> line : missingByLine.entrySet()) {
            Optional<ExotelApi.Details> details = details(line.getKey());
            List<Long> lineCalls = dialledByLine.getOrDefault(line.getKey(), List.of());
            for (CallRecord call : line.getValue()) {
                Instant now = clock.instant();
                CallRecordRepository.Outcome outcome = details
                        .map(found -> fromLeg(found, lineCalls.indexOf(call.id()) + 2))
                        .orElse(missing());
                Instant nextAttempt = outcome.countsAsContact() ? null : now.plus(RETRY_AFTER);
                if (callOutcomes.close(call.id(), outcome, nextAttempt, false, now)) {
                    reconciled++;
                }
            }
        }
        execution.setVariable(OUTCOMES_RECORDED, (Integer) execution.getVariable(OUTCOMES_RECORDED) + reconciled);
    }

    /** The agent's line a call was dialled on; empty when not known. */
    private static String line(CallRecord call) {
        return Objects.toString(call.agentCallSid(), "");
    }

    private Optional<ExotelApi.Details> details(String agentCallSid) {
        if (agentCallSid.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(exotel.callDetailsWithLegs(agentCallSid).details());
        } catch (ExotelApiException e) {
            log.warn("Call Details of line {} not available ({}); its calls without outcome are closed as missing",
                    agentCallSid, LogSafe.withoutNumbers(e.getMessage()));
            return Optional.empty();
        }
    }

    /** What Call Details says of the leg with this id. */
    private static CallRecordRepository.Outcome fromLeg(ExotelApi.Details details, int legId) {
        Integer talked = details.legs() == null ? null : details.legs().stream()
                .map(ExotelApi.LegEntry::leg).filter(leg -> leg != null && Objects.equals(leg.id(), legId))
                .map(ExotelApi.Leg::onCallDuration).filter(Objects::nonNull).findFirst().orElse(null);
        if (talked != null && talked > 0) {
            return new CallRecordRepository.Outcome("completed", "completed", talked, talked, null, null, null, null,
                    LeadStatus.CONTACTED.name(), true);
        }
        if (legId == 2 && details.leg2Status() != null && UNANSWERED.contains(details.leg2Status())) {
            return new CallRecordRepository.Outcome(details.leg2Status(), "incomplete", 0, 0, null, null, null, null,
                    LeadStatus.RETRY.name(), false);
        }
        return missing();
    }

    private static CallRecordRepository.Outcome missing() {
        return new CallRecordRepository.Outcome(MISSING, null, 0, 0, null, null, null, null, LeadStatus.RETRY.name(),
                false);
    }
}
