package io.progressivedialer.simulator;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the embedded Exotel stand-in behaves: its outcome mix (relative weights), durations in Exotel's
 * seconds, a time scale that shrinks them, and whom it calls back.
 *
 * @param driveFlow whether connected agents are driven through the flow; off, a test plays Exotel's part
 * @param duplicatePercent, dropPercent, delayPercent how often a popup, Passthru or StatusCallback is sent
 *        twice, never, or up to half a (real) second late, behind later ones: Exotel's delivery faults; also how
 *        often a dial-whom is asked twice, as when Exotel did not get the first answer
 * @param apiErrorPercent how often its API answers 429 (with Retry-After) or 500 instead: Exotel under load
 * @param placedButFailedPercent how often a connect rings the agent yet answers 500, as Exotel may
 * @param webhookRetryFor how long a StatusCallback the dialer cannot take (unreachable, 5xx) is sent again (at most
 *        twice more, as Exotel does), or every webhook with {@code retryEveryWebhook}
 * @param retryEveryWebhook every webhook sent again until taken, as a balancer retrying a failed request on the next
 *        node does; Exotel itself sends only the StatusCallback again
 * @param recordingDelaySeconds how long after a call its recording can be fetched (the Passthru's
 *        {@code RecordingAvailableBy}), in Exotel's seconds
 * @param dropPassthruPercent how often a Passthru never reaches the dialer (a network fault): Exotel does not send
 *        it again, and the outcome is known only from Call Details
 * @param targetUrl the dialer whose webhooks it calls; empty means this application
 * @param agentHangUpAfterCalls the agent hangs up after this many customer calls; 0 means never
 * @param wrapUpSeconds how long the simulated agent takes after a call before pressing 1 ("ready") on the phone
 * @param gatherSeconds the Gather applet's timeout: how long "press 1 when ready" waits for a key
 */
@ConfigurationProperties("dialer.simulator")
public record StandInProperties(double timeScale, int ringSeconds, int talkSeconds, int wrapUpSeconds,
                                int answered, int busy, int noAnswer, int failed, int agentHangUpAfterCalls,
                                boolean driveFlow, int duplicatePercent, int dropPercent, int delayPercent,
                                int apiErrorPercent, Duration webhookRetryFor, String targetUrl,
                                List<String> dndNumbers, int gatherSeconds, int placedButFailedPercent,
                                boolean retryEveryWebhook, int dropPassthruPercent, int recordingDelaySeconds) {

    public StandInProperties {
        dndNumbers = dndNumbers == null ? List.of() : List.copyOf(dndNumbers);
        webhookRetryFor = webhookRetryFor == null ? Duration.ZERO : webhookRetryFor;
        gatherSeconds = gatherSeconds <= 0 ? 5 : gatherSeconds;
    }

    long millis(int exotelSeconds) {
        return Math.round(exotelSeconds * 1000 * timeScale);
    }
}
