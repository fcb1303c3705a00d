package io.progressivedialer.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallDispositionTest {

    @ParameterizedTest(name = "{0}/{1} after {3} attempts, cause {4}, alternate {5} -> {6}, retry {7}, contact {8}, alternate {9}")
    @CsvSource(nullValues = "null", textBlock = """
            completed, completed,    31, 1, NORMAL_CLEARING,    false, CONTACTED, null, true,  false
            completed, completed,    31, 3, NORMAL_CLEARING,    true,  CONTACTED, null, true,  false
            completed, null,         12, 2, null,               false, CONTACTED, null, true,  false
            completed, voicemail,    20, 1, NORMAL_CLEARING,    false, RETRY,     240,  false, false
            busy,      incomplete,    0, 1, USER_BUSY,          true,  RETRY,     30,   false, false
            no-answer, call-attempt,  0, 2, RING_TIMEOUT,       false, RETRY,     120,  false, false
            failed,    incomplete,    0, 1, CALL_REJECTED,      false, RETRY,     60,   false, false
            failed,    incomplete,    0, 1, CALL_REJECTED,      true,  RETRY,     0,    false, true
            canceled,  client-hangup, 0, 1, RING_TIMEOUT,       false, RETRY,     120,  false, false
            busy,      incomplete,    0, 3, USER_BUSY,          false, EXHAUSTED, null, false, false
            no-answer, call-attempt,  0, 4, RING_TIMEOUT,       true,  EXHAUSTED, null, false, false
            failed,    incomplete,    0, 1, UNALLOCATED_NUMBER, false, EXHAUSTED, null, false, false
            failed,    incomplete,    0, 2, UNALLOCATED_NUMBER, true,  RETRY,     0,    false, true
            """)
    void decidesWhatAFinishedCallMeansForTheLead(String dialCallStatus, String callType, int conversationSeconds,
                                                 int attempts, String causeCode, boolean hasAlternateNumber,
                                                 String leadStatus, Integer retryAfterMinutes,
                                                 boolean countsAsContact, boolean tryAlternate) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("dialCallStatus", dialCallStatus);
        facts.put("callType", callType);
        facts.put("conversationSeconds", conversationSeconds);
        facts.put("attempts", attempts);
        facts.put("attemptsToday", 1);
        facts.put("callbackDue", false);
        facts.put("causeCode", causeCode);
        facts.put("hasAlternateNumber", hasAlternateNumber);

        DmnDecisionResultEntries result = DecisionTables.evaluate("call-disposition", "lead-rules.dmn", facts);

        assertThat((String) result.getEntry("leadStatus")).isEqualTo(leadStatus);
        // an empty output entry leaves the output out of the result
        Number retryAfter = (Number) result.getEntryMap().get("retryAfterMinutes");
        assertThat(retryAfter == null ? null : retryAfter.intValue()).isEqualTo(retryAfterMinutes);
        assertThat((Boolean) result.getEntry("countsAsContact")).isEqualTo(countsAsContact);
        assertThat((Boolean) result.getEntry("tryAlternate")).isEqualTo(tryAlternate);
    }
}
