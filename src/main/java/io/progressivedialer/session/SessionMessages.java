package io.progressivedialer.session;

import io.progressivedialer.common.DialerException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Delivers a message to one session's process instance. A webhook may arrive a moment before the process
 * waits for it (the agent answers while "Connect agent to flow" commits) or collide with another webhook
 * of the same session; both are tried again for a short while.
 */
@Component
class SessionMessages {

    private final RuntimeService runtime;
    private final Duration patience;

    SessionMessages(RuntimeService runtime, @Value("${dialer.session.message-patience:PT5S}") Duration patience) {
        this.runtime = runtime;
        this.patience = patience;
    }

    Duration patience() {
        return patience;
    }

    /** Correlates once the process waits for the message, trying again for at most the configured patience. */
    void correlate(DialerSession session, String message, Map<String, ?> transientFacts) {
        correlate(session, message, transientFacts, patience);
    }

    /** As above, trying again for at most {@code patience}. */
    void correlate(DialerSession session, String message, Map<String, ?> transientFacts, Duration patience) {
        correlating(session, message, transientFacts, patience, correlation -> {
            correlation.correlateWithResult();
            return null;
        });
    }

    /**
     * Correlates, and answers the process variable {@code variable} as the process left it at its next wait state:
     * the only variable read, and not deserialized, since the other webhooks need none.
     */
    Object correlateAndRead(DialerSession session, String message, Map<String, ?> transientFacts, String variable) {
        return correlating(session, message, transientFacts, patience,
                correlation -> correlation.correlateWithResultAndVariables(false).getVariables().get(variable));
    }

    /**
     * Correlates once, in the caller's transaction if there is one: a race with the session's own work (see
     * {@link #isRace}) is the caller's to retry, with the rest of its transaction.
     */
    void correlateOnce(DialerSession session, String message, Map<String, ?> transientFacts) {
        to(session, message).setVariables(facts(transientFacts)).correlateWithResult();
    }

    /**
     * As {@link #correlateOnce}, for a message that starts an event subprocess whose steps read only the message's
     * facts: they are given to the subprocess alone, so that the session's variables are not loaded to receive them.
     */
    void correlateOnceToSubprocess(DialerSession session, String message, Map<String, ?> transientFacts) {
        to(session, message).setVariablesToTriggeredScope(facts(transientFacts)).correlateWithResult();
    }

    private MessageCorrelationBuilder to(DialerSession session, String message) {
        return runtime.createMessageCorrelation(message).processInstanceId(session.processInstanceId());
    }

    private static VariableMap facts(Map<String, ?> transientFacts) {
        VariableMap facts = Variables.createVariables();
        transientFacts.forEach((name, value) -> facts.putValueTyped(name, Variables.untypedValue(value, true)));
        return facts;
    }

    private <T> T correlating(DialerSession session, String message, Map<String, ?> transientFacts,
                              Duration patience, Function<MessageCorrelationBuilder, T> correlate) {
        VariableMap facts = facts(transientFacts);
        try {
            return retryingRaces(patience, () -> correlate.apply(to(session, message).setVariables(facts)));
        } catch (RuntimeException e) {
            if (!isRace(e)) {
                throw e;
            }
            throw new DialerException(HttpStatus.CONFLICT, "session-not-waiting",
                    "session " + session.sessionId() + " is not waiting for " + message);
        }
    }

    /**
     * Runs {@code attempt} until it does not fail by a race with the session's own work (see {@link #isRace}),
     * pausing 10 ms, then twice as long each time up to 200 ms, for at most {@code patience}; then the last race's
     * exception, or at once any other failure, goes to the caller.
     */
    static <T> T retryingRaces(Duration patience, Supplier<T> attempt) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = 10;
        while (true) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (!isRace(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(pause);
                pause = Math.min(pause * 2, 200);
            }
        }
    }

    /**
     * Correlates only when the process waits for {@code message} now; answers whether it did. For messages that mean
     * something only in one state (the agent's readiness), where "not waiting" is an answer, not a race.
     */
    boolean correlateIfWaiting(DialerSession session, String message, Map<String, ?> transientFacts) {
        try {
            // correlating to all waiting executions finds none, rather than failing, when the process waits elsewhere;
            // executions only: correlating to all would look for processes the message starts too
            return !correlating(session, message, transientFacts, patience, correlation ->
                    ((MessageCorrelationBuilderImpl) correlation).executionsOnly().correlateAllWithResult()).isEmpty();
        } catch (DialerException stillBusy) {
            return false;
        }
    }

    /**
     * The process was busy with another webhook: not waiting yet, changed under us, or (on PostgreSQL, whose reads
     * are not repeatable) its subscription consumed between the engine finding it and reading it again. The engine,
     * meeting a concurrent change of the same instance (the event its subscription belonged to fired meanwhile), can
     * also fail with a NullPointerException rather than an optimistic lock failure.
     */
    static boolean isRace(RuntimeException e) {
        return e instanceof NullPointerException || e instanceof MismatchingMessageCorrelationException
                || e instanceof OptimisticLockingException
                || e instanceof ProcessEngineException
                && String.valueOf(e.getMessage()).contains("does not have a subscription to a message event");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the session", e);
        }
    }
}
