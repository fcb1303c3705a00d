package io.progressivedialer.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exotel asks "whom to dial?" again, with the same CurrentTime, when our answer did not reach it: the repeat
 * gets the same number and no second lead is reserved, even when the two requests arrive together.
 */
public class DialWhomRepeatTest extends PassiveExotelTest {

    private static final String ASKED_AT = "2021-07-25 14:56:14";

    @Test
    void aRepeatedRequestIsAnsweredWithTheSameLead() {
        JsonNode session = sessionWithTwoLeads();

        String first = numberIn(askWhomToDial(session, ASKED_AT));
        String repeat = numberIn(askWhomToDial(session, ASKED_AT));

        assertThat(repeat).isEqualTo(first);
        assertThat(calls(session.path("sessionId").asText())).hasSize(1);
        assertThat(session(session.path("sessionId").asText()).path("callsMade").asInt()).isEqualTo(1);
    }

    @Test
    void repeatsArrivingTogetherReserveOneLead() {
        JsonNode session = sessionWithTwoLeads();

        List<CompletableFuture<HttpResponse<String>>> asked = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> askWhomToDial(session, ASKED_AT))).toList();
        List<String> numbers = asked.stream().map(CompletableFuture::join).map(this::numberIn).distinct().toList();

        assertThat(numbers).hasSize(1).doesNotContainNull();
        assertThat(calls(session.path("sessionId").asText())).hasSize(1);
    }

    @Test
    void aLaterRequestGetsTheNextLeadEvenBeforeThePreviousOutcome() {
        JsonNode session = sessionWithTwoLeads();

        String first = numberIn(askWhomToDial(session, ASKED_AT));
        String next = numberIn(askWhomToDial(session, "2021-07-25 14:57:03"));

        assertThat(next).isNotNull().isNotEqualTo(first);
        assertThat(calls(session.path("sessionId").asText())).hasSize(2);
    }

    @Test
    void aRequestAtTheSameTimeAfterTheCallEndedIsANewOne() {
        JsonNode session = sessionWithTwoLeads();
        String first = numberIn(askWhomToDial(session, ASKED_AT));
        assertThat(passthru(session, first, "failed", 0).statusCode()).isEqualTo(200);

        String next = numberIn(askWhomToDial(session, ASKED_AT));

        assertThat(next).isNotNull().isNotEqualTo(first);
    }

    @ParameterizedTest(name = "CurrentTime {0}")
    @ValueSource(strings = {"2021-07-25T14:56:14+05:30", "2021-07-25T09:26:14.123456789Z", "1627204574",
            "Sun Jul 25 14:56:14 IST 2021 and then some more text than any column would hold"})
    void currentTimeInAnyFormatIsTheRequestsKeyNeverARefusal(String currentTime) {
        JsonNode session = sessionWithTwoLeads();

        HttpResponse<String> first = askWhomToDial(session, currentTime);
        String repeat = numberIn(askWhomToDial(session, currentTime));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(numberIn(first)).as("the customer is dialled").isNotNull().isEqualTo(repeat);
        assertThat(calls(session.path("sessionId").asText())).hasSize(1);
    }

    private JsonNode sessionWithTwoLeads() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n"
                + newLeadPhone() + ",First," + agent + ",2,\n"
                + newLeadPhone() + ",Second," + agent + ",1,\n");
        return startConnectedSession(agent, campaign);
    }
}
