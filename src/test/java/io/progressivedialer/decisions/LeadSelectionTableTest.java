package io.progressivedialer.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadSelectionTableTest {

    @org.junit.jupiter.api.Test
    void theAgentsOwnLeadOutranksAnyPoolLead() {
        Map<String, Object> own = new HashMap<>(Map.of("withinCallWindow", true, "priority", 0, "attempts", 2,
                "attemptsToday", 0, "callbackDue", false, "ownLead", true));
        own.put("segment", null);
        Map<String, Object> pool = new HashMap<>(Map.of("withinCallWindow", true, "priority", 100, "attempts", 0,
                "attemptsToday", 0, "callbackDue", true, "ownLead", false, "segment", "vip"));

        double ownScore = ((Number) DecisionTables.evaluate("lead-selection", "lead-rules.dmn", own).getEntry("score"))
                .doubleValue();
        double poolScore = ((Number) DecisionTables.evaluate("lead-selection", "lead-rules.dmn", pool).getEntry("score"))
                .doubleValue();

        assertThat(ownScore).isGreaterThan(poolScore);
    }

    @ParameterizedTest(name = "window {0}, priority {1}, attempts {2} ({3} today), callback {4}, segment {5} -> {6} {7}")
    @CsvSource(nullValues = "null", textBlock = """
            true,  0,  0, 0, false, null, true,  0
            true,  7,  0, 0, false, null, true,  70
            true,  7,  1, 1, false, null, true,  65
            true,  7,  2, 0, false, vip,  true,  110
            true,  0,  0, 0, true,  null, true,  1000
            true,  2,  1, 1, true,  null, true,  1015
            false, 9,  0, 0, false, vip,  false, 0
            false, 0,  1, 0, true,  null, false, 0
            true,  9,  3, 0, false, null, false, 0
            true,  9,  2, 2, false, null, false, 0
            true,  2,  3, 0, true,  null, true,  1005
            true,  2,  2, 2, true,  null, true,  1010
            false, 2,  3, 0, true,  null, false, 0
            """)
    void decidesEligibilityAndScore(boolean withinCallWindow, int priority, int attempts, int attemptsToday,
                                    boolean callbackDue, String segment, boolean eligible, double score) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("withinCallWindow", withinCallWindow);
        facts.put("localHour", 11);
        facts.put("priority", priority);
        facts.put("attempts", attempts);
        facts.put("attemptsToday", attemptsToday);
        facts.put("lastOutcome", attempts == 0 ? null : "busy");
        facts.put("minutesSinceLastAttempt", attempts == 0 ? null : 45);
        facts.put("callbackDue", callbackDue);
        facts.put("segment", segment);
        facts.put("ownLead", false);

        DmnDecisionResultEntries result = DecisionTables.evaluate("lead-selection", "lead-rules.dmn", facts);

        assertThat((Boolean) result.getEntry("eligible")).isEqualTo(eligible);
        assertThat(((Number) result.getEntry("score")).doubleValue()).isEqualTo(score);
    }
}
