package io.progressivedialer.calls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.progressivedialer.common.AfterCommit;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.lead.LeadStatus;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** Closes a customer call: its outcome on the call record and what it means for the lead, together and once. */
@Service
public class CallOutcomes {

    private final CallRecordRepository calls;
    private final LeadRepository leads;
    private final MeterRegistry meters;

    public CallOutcomes(CallRecordRepository calls, LeadRepository leads, MeterRegistry meters) {
        this.calls = calls;
        this.leads = leads;
        this.meters = meters;
    }

    /**
     * Records the outcome and settles the lead as {@code outcome.leadStatus()}, due again at {@code nextAttemptAt}
     * (null: never) on its next alternate number if {@code nextNumber}; false, changing nothing, when the call had
     * its outcome already.
     */
    public boolean close(long callRecordId, CallRecordRepository.Outcome outcome, Instant nextAttemptAt,
                         boolean nextNumber, Instant now) {
        if (!calls.recordOutcome(callRecordId, outcome, now)) {
            return false;
        }
        long leadId = calls.find(callRecordId).orElseThrow().leadId();
        leads.settle(leadId, LeadStatus.valueOf(outcome.leadStatus()), outcome.status(), nextAttemptAt, nextNumber);
        Counter finished = meters.counter("dialer.calls.finished", "status", outcome.status());
        AfterCommit.run(finished::increment);
        return true;
    }
}
