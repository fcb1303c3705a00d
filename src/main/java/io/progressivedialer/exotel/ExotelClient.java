package io.progressivedialer.exotel;

import io.progressivedialer.common.PublicUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import feign.RetryableException;
import org.springframework.stereotype.Component;

/** The dialer's side of Exotel's API, in the dialer's words. */
@Component
public class ExotelClient {

    /** How long a call waits for the account's budget before it fails as rate limited. */
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    private final ExotelApi api;
    private final ExotelProperties properties;
    private final PublicUrl publicUrl;
    private final ExotelBudget budget;
    private final ExotelAccountAlarm alarm;

    ExotelClient(ExotelApi api, ExotelProperties properties, PublicUrl publicUrl, ExotelBudget budget,
                 ExotelAccountAlarm alarm) {
        this.api = api;
        this.alarm = alarm;
        this.budget = budget;
        this.properties = properties;
        this.publicUrl = publicUrl;
    }

    /**
     * Rings the agent and, once they answer, runs the campaign's call flow; Exotel reports the end of the
     * agent's call to our status webhook. {@code aboutToPlace} runs once the budget allows the call, just before it
     * is asked for. Answers the agent call's Sid; {@link BudgetUsedUp} at once, without waiting, when this window's
     * budget is spent: the caller holds a database connection, and its process waits for the next window instead.
     */
    public String connectAgentToFlow(String agentPhone, String callerId, String flowAppId, String sessionId,
                                     Runnable aboutToPlace) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("From", agentPhone);
        form.put("CallerId", callerId);
        form.put("Url", "http://" + properties.flowHostOrRegional() + "/" + properties.accountSid()
                + "/exoml/start_voice/" + flowAppId);
        form.put("CallType", "trans");
        // the agent's line is cut at TimeLimit: the session renews it between calls before it runs out
        form.put("TimeLimit", properties.timeLimit().toSeconds());
        form.put("TimeOut", properties.agentRingTimeout().toSeconds());
        form.put("StatusCallback", publicUrl.get() + "/exotel/status?key="
                + URLEncoder.encode(properties.webhookKey(), StandardCharsets.UTF_8));
        form.put("StatusCallbackEvents[0]", "terminal");
        form.put("CustomField", sessionId);
        if (!budget.tryTake()) {
            throw new BudgetUsedUp();
        }
        aboutToPlace.run();
        ExotelApi.CallAnswer answer = unwrapped(() -> api.connect(properties.accountSid(), form));
        if (answer == null || answer.call() == null || answer.call().sid() == null) {
            throw new ExotelApiException(200, "Calls/connect answered without a Call Sid");
        }
        return answer.call().sid();
    }

    /** This window's budget of Exotel API calls is spent: nothing was asked of Exotel. */
    public static final class BudgetUsedUp extends RuntimeException {
        BudgetUsedUp() {
            super("the budget of Exotel API calls for this window is spent (dialer.exotel.calls-per-minute)");
        }
    }

    /** Exotel's Call Details with its legs: what became of each call the flow placed, once settled. */
    public ExotelApi.Call callDetailsWithLegs(String callSid) {
        budget.take(PATIENCE);
        return unwrapped(() -> api.callWithLegs(properties.accountSid(), callSid)).call();
    }

    /** Exotel's Call Details: how a call stands now. */
    public ExotelApi.Call callDetails(String callSid) {
        budget.take(PATIENCE);
        return unwrapped(() -> api.call(properties.accountSid(), callSid)).call();
    }

    /**
     * Exotel's failure once Feign's retries are used up, as the {@link ExotelApiException} it was; every answer
     * tells the account alarm whether Exotel takes the dialer's credentials.
     */
    private <T> T unwrapped(Supplier<T> call) {
        try {
            T answer = call.get();
            alarm.answered();
            return answer;
        } catch (ExotelApiException e) {
            alarm.refused(e);
            throw e;
        } catch (RetryableException e) {
            if (e.getCause() instanceof ExotelApiException exotel) {
                throw exotel;
            }
            // a refused connection sent nothing; a timeout or a reset may have come after Exotel acted
            throw new ExotelApiException(0, "Exotel unreachable: " + e.getMessage(),
                    !PlacingRetryer.provesNothingPlaced(e));
        }
    }

    /**
     * Whether the number is on the do-not-disturb registry, from Exotel's number metadata: for screening numbers in
     * the background. With the account's budget used up it fails at once (status 429), so that the screening waits
     * for its next round instead of holding a scheduler thread.
     */
    public boolean isDnd(String number) {
        if (!budget.tryTake()) {
            throw new ExotelApiException(429, "the dialer's own budget of Exotel API calls per minute is used up");
        }
        ExotelApi.NumberAnswer answer = unwrapped(() -> api.number(properties.accountSid(), number));
        return answer.numbers() != null && "Yes".equalsIgnoreCase(answer.numbers().dnd());
    }
}
