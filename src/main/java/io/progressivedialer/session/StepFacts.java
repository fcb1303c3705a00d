package io.progressivedialer.session;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Facts a session needs only while one webhook's steps run (the number to answer, the next step, when a timer is due):
 * set transient, so that they are neither written at every call nor loaded with every later webhook. A session started
 * before they were transient has them stored; it keeps its stored copy up to date, since the engine does not let a
 * stored variable become transient.
 */
final class StepFacts {

    private StepFacts() {
    }

    /** A fact a webhook gave in epoch milliseconds (as the inbox keeps it for a later delivery); null without it. */
    static Instant instant(DelegateExecution execution, String name) {
        return execution.getVariable(name) instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : null;
    }

    static void set(DelegateExecution execution, String name, Object value) {
        TypedValue stored = execution.getVariableTyped(name, false);
        execution.setVariable(name, stored != null && !stored.isTransient() ? value
                : Variables.untypedValue(value, true));
    }
}
