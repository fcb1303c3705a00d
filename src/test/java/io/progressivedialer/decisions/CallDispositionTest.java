package io.progressivedialer.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallDispositionTest {

    @ParameterizedTest(name = "{0}/{1} after {3} attempts, cause {4} -> {5}, retry {6}, contact {7}")
    @CsvSource(nullValues = "null", textBlock = """
            completed, completed,    31, 1, NORMAL_CLEARING,    CONTACTED, null, true
            completed, completed,    31, 3, NORMAL_CLEARING,    CONTACTED, null, true
            completed, null,         12, 2, null,               CONTACTED, null, true
            completed, voicemail,    20, 1, NORMAL_CLEARING,    RETRY,     240,  false
            busy,      incomplete,    0, 1, USER_BUSY,          RETRY,     30,   false
            no-answer, call-attempt,  0, 2, RING_TIMEOUT,       RETRY,     120,  false
            failed,    incomplete,    0, 1, CALL_REJECTED,      RETRY,     60,   false
            canceled,  client-hangup, 0, 1, RING_TIMEOUT,       RETRY,     120,  false
            busy,      incomplete,    0, 3, USER_BUSY,          EXHAUSTED, null, false
            no-answer, call-attempt,  0, 4, RING_TIMEOUT,       EXHAUSTED, null, false
            failed,    incomplete,    0, 1, UNALLOCATED_NUMBER, EXHAUSTED, null, false
            """)
    void decidesWhatAFinishedCallMeansForTheLead(String dialCallStatus, String callType, int conversationSeconds,
                                                 int attempts, String causeCode, String leadStatus,
                                                 Integer retryAfterMinutes, boolean countsAsContact) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("dialCallStatus", dialCallStatus);
        facts.put("callType", callType);
        facts.put("conversationSeconds", conversationSeconds);
        facts.put("attempts", attempts);
        facts.put("causeCode", causeCode);

        DmnDecisionResultEntries result = DecisionTables.evaluate("call-disposition", "call-disposition.dmn", facts);

        assertThat((String) result.getEntry("leadStatus")).isEqualTo(leadStatus);
        // an empty output entry leaves the output out of the result
        Number retryAfter = (Number) result.getEntryMap().get("retryAfterMinutes");
        assertThat(retryAfter == null ? null : retryAfter.intValue()).isEqualTo(retryAfterMinutes);
        assertThat((Boolean) result.getEntry("countsAsContact")).isEqualTo(countsAsContact);
    }
}
