package io.progressivedialer.exotel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.progressivedialer.PassiveExotelTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Feign client against the embedded stand-in, over HTTP with Basic auth and Exotel's field names. */
class ExotelClientTest extends PassiveExotelTest {

    @Autowired
    ExotelClient client;
    @Autowired
    ExotelApi api;

    @Test
    void connectAnswersTheAgentCallsSidWhichCallDetailsThenDescribe() {
        String sid = client.connectAgentToFlow("+919845012345", "+917314853246", "383431", "session-1", () -> { });

        ExotelApi.Call call = client.callDetails(sid);

        assertThat(call.sid()).isEqualTo(sid);
        assertThat(call.from()).isEqualTo("+919845012345");
        assertThat(call.status()).isEqualTo("in-progress");
        assertThat(call.isOver()).isFalse();
    }

    @Test
    void exotelsRestExceptionBecomesAClearException() {
        assertThatThrownBy(() -> client.callDetails("no-such-call"))
                .isInstanceOfSatisfying(ExotelApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("Exotel answered 404: Call no-such-call not found");
                    assertThat(e.isTransient()).isFalse();
                });
        assertThatThrownBy(() -> api.call("someone-else", "x"))
                .isInstanceOfSatisfying(ExotelApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("not yours");
                });
    }

    @Autowired
    io.progressivedialer.simulator.StandInCalls standIn;

    @Test
    void whatProvesNothingWasPlacedIsRetriedAndRetryAfterHonoured() {
        standIn.refuseNextConnects(2, 429);
        long start = System.nanoTime();
        assertThat(client.connectAgentToFlow("+919845012345", "+917314853246", "383431", "s", () -> { })).isNotBlank();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                .as("waited for Retry-After: 1, twice").isGreaterThanOrEqualTo(java.time.Duration.ofMillis(1900));

        standIn.refuseNextConnects(4, 429);
        assertThatThrownBy(() -> client.connectAgentToFlow("+919845012345", "+917314853246", "383431", "s", () -> { }))
                .isInstanceOfSatisfying(ExotelApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.outcomeUnknown()).as("a 429 placed nothing").isFalse();
                });
    }

    @Test
    void aConnectWhoseOutcomeIsUnknownIsNeverRepeated() {
        standIn.refuseNextConnects(1, 500);
        int rungBefore = (int) standIn.timesRung("+919845012399");
        assertThatThrownBy(() -> client.connectAgentToFlow("+919845012399", "+917314853246", "383431", "s", () -> { }))
                .isInstanceOfSatisfying(ExotelApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.getMessage()).contains("refused by the stand-in's script");
                });
        assertThat(client.connectAgentToFlow("+919845012399", "+917314853246", "383431", "s", () -> { })).as("no refusal left")
                .isNotBlank();
        assertThat(standIn.timesRung("+919845012399")).as("one connect after the 500, not four").isEqualTo(rungBefore + 1);

    }

    @Test
    void numberMetadataTellsDndNumbers() {
        assertThat(client.isDnd("+919800000001")).isTrue();
        assertThat(client.isDnd("+919800000002")).isFalse();
    }

    @Autowired
    ExotelBudget budget;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void exotelsRateLimitRemainingAndRetryAfterSteerTheSharedBudget() {
        String sid = client.connectAgentToFlow("+919845012377", "+917314853246", "383431", "steer", () -> { });
        try {
            standIn.reportRateLimitRemaining(2);
            client.callDetails(sid);

            assertThat(budget.tryTake()).as("Exotel said two calls are left").isTrue();
            assertThat(budget.tryTake()).isTrue();
            assertThat(budget.tryTake()).as("none left in this window, for every node").isFalse();

            jdbc.sql("delete from exotel_budget").update();
            budget.exotelSays(null, 20L);
            assertThat(budget.tryTake()).as("Exotel's Retry-After holds the budget").isFalse();
        } finally {
            standIn.reportRateLimitRemaining(null);
            jdbc.sql("delete from exotel_budget").update();
        }
    }
}
