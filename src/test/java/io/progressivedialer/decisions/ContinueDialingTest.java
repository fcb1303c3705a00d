package io.progressivedialer.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContinueDialingTest {

    @ParameterizedTest(name = "calls {0}, minutes {1}, unanswered {2}, stop {3}, to shift end {4}, leads {5} -> {6} {7}")
    @CsvSource(textBlock = """
            5,  30,  0, false, 120, 40, true,  KEEP_DIALING
            0,   0,  0, false, 600,  1, true,  KEEP_DIALING
            5,  30,  0, true,  120, 40, false, STOP_REQUESTED
            5,  30,  0, true,    0,  0, false, STOP_REQUESTED
            5,  30,  0, false,   0, 40, false, SHIFT_OVER
            5,  30,  0, false, -15, 40, false, SHIFT_OVER
            90, 600, 0, false, 120, 40, false, SHIFT_OVER
            5,  30,  0, false, 120,  0, false, NO_LEADS
            12, 30, 10, false, 120, 40, false, TOO_MANY_UNANSWERED
            12, 30,  9, false, 120, 40, true,  KEEP_DIALING
            """)
    void decidesWhetherTheAgentGetsAnotherLead(int callsDialled, int sessionMinutes, int consecutiveUnanswered,
                                               boolean stopRequested, int minutesToShiftEnd, int leadsRemaining,
                                               boolean keepDialing, String reason) {
        DmnDecisionResultEntries result = DecisionTables.evaluate("continue-dialing", "continue-dialing.dmn", Map.of(
                "callsDialled", callsDialled,
                "sessionMinutes", sessionMinutes,
                "consecutiveUnanswered", consecutiveUnanswered,
                "stopRequested", stopRequested,
                "minutesToShiftEnd", minutesToShiftEnd,
                "leadsRemaining", leadsRemaining));

        assertThat((Boolean) result.getEntry("continue")).isEqualTo(keepDialing);
        assertThat((String) result.getEntry("reason")).isEqualTo(reason);
    }
}
