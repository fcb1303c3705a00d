package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.SCREENING_WAIT_SINCE;

import io.progressivedialer.lead.LeadRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An agent with no lead due whose campaign still screens leads for DND (a list just imported) waits for them rather
 * than being hung up with none, for {@code dialer.session.screening-patience} at most: screening that does not
 * progress (Exotel refusing the account) must not hold an agent for ever.
 */
@Component
class ScreeningWait {

    static final String REASON = "leads awaiting DND screening";

    private final LeadRepository leads;
    private final Duration patience;

    ScreeningWait(LeadRepository leads, @Value("${dialer.session.screening-patience:PT15M}") Duration patience) {
        this.leads = leads;
        this.patience = patience;
    }

    /**
     * Whether the agent waits for screening now. The wait is counted from its first moment and forgotten once no
     * lead awaits screening, so that patience, once run out, stays run out for that list.
     */
    boolean waits(DelegateExecution execution, String campaignId, String agentId, Instant now) {
        Date since = (Date) execution.getVariable(SCREENING_WAIT_SINCE);
        if (!leads.awaitingScreening(campaignId, agentId)) {
            if (since != null) {
                execution.removeVariable(SCREENING_WAIT_SINCE);
            }
            return false;
        }
        if (since == null) {
            execution.setVariable(SCREENING_WAIT_SINCE, Date.from(now));
            return true;
        }
        return since.toInstant().plus(patience).isAfter(now);
    }

    /**
     * When a wait that {@link #waits} allowed looks again: at {@code latest}, or when patience runs out if that comes
     * first, so that an agent whose list is not being screened is not held past it.
     */
    Instant lookAgain(DelegateExecution execution, Instant latest) {
        Date since = (Date) execution.getVariable(SCREENING_WAIT_SINCE);
        Instant patienceEnds = since.toInstant().plus(patience);
        return patienceEnds.isBefore(latest) ? patienceEnds : latest;
    }
}
