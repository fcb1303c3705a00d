package io.progressivedialer.rules;

import java.util.List;
import org.camunda.bpm.model.dmn.DmnModelInstance;

/**
 * A check every decision table passes before it is deployed, whoever deploys it, or previewed: a table that fails
 * one is refused, each problem naming the element (decision, output, rule cell) and what is wrong.
 */
public interface TableCheck {

    /** One refused element: its id, the text at fault and why. */
    record Refusal(String elementId, String expression, String reason) {

        public String message() {
            return elementId + " (" + expression + "): " + reason;
        }
    }

    /** Every problem of the model, in document order; empty when it may be deployed. */
    List<Refusal> check(DmnModelInstance model);

    /** The refusals in one sentence, each element named. */
    static String describe(List<Refusal> refusals) {
        return String.join("; ", refusals.stream().map(Refusal::message).toList());
    }
}
