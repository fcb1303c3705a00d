package io.progressivedialer.calls;

import java.util.List;

/**
 * Why a call's lead was chosen: the {@code lead-selection} decision and version that chose it (version 0: none
 * recorded), the lead's score and the descriptions of the rules that matched, the deciding rule first.
 */
public record CallSelection(String decision, int version, double score, List<String> rules) {

    public CallSelection {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    CallSelection withFewerRules() {
        return new CallSelection(decision, version, score, rules.subList(0, rules.size() - 1));
    }
}
