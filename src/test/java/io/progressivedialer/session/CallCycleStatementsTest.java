package io.progressivedialer.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import io.progressivedialer.WebhookStatements;
import io.progressivedialer.WebhookStatements.Run;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What one call cycle costs the database, webhook by webhook, as Exotel sends them: the statements the work cuts
 * took out stay out.
 */
class CallCycleStatementsTest extends PassiveExotelTest {

    @Test
    void aCallCycleRunsOnlyTheStatementsItNeeds() {
        NextCall next = sessionAfterItsFirstCall();

        // the second call, as every call after the first: the session's variables exist, its tables are known
        Map<String, Run<?>> cycle = cycle(next.session(), next.phone());

        cycle.forEach((webhook, run) -> {
            assertThat(run.matching("HANDLER_TYPE_"))
                    .as("%s looks for asynchronous triggers of message subscriptions", webhook).isEmpty();
            assertThat(run.matching("from ACT_RE_PROCDEF where ID_"))
                    .as("%s reads the session's process definition, which the engine has cached", webhook).isEmpty();
            assertThat(run.matching("EXECUTION_ID_ is null"))
                    .as("%s looks for processes the message would start", webhook).isEmpty();
        });
        assertThat(cycle.get("dial-whom").matching("ready = true order by")).as("candidates in one statement")
                .hasSize(1);
        assertThat(cycle.get("dial-whom").matching("from campaign where id"))
                .as("the campaign for the answer's caller id, and once in the transaction").hasSize(2);
        assertThat(cycle.get("dial-whom").matching("select * from dialer_session where id"))
                .as("the session's start comes with the request").isEmpty();
        assertThat(cycle.get("ready").matching("ready = true order by")).as("a lead ready now, in one statement")
                .hasSize(1);
        for (String popup : List.of("Dial", "Ringing", "Answered", "Terminal")) {
            assertThat(cycle.get(popup).matching("from ACT_RU_EVENT_SUBSCR where"))
                    .as("%s looks up only the subscriptions of the session itself", popup).hasSize(1);
        }
    }

    @Test
    void factsForOneStepAreNotStoredButASessionThatStoredThemKeepsThemUpToDate() {
        NextCall next = sessionAfterItsFirstCall();
        String processInstanceId = next.session().path("processInstanceId").asText();

        assertThat(runtime.getVariables(processInstanceId)).doesNotContainKeys("dialledNumber", "nextStep",
                "keepDialing", "stopReason");

        // as a session started before these facts were transient has them
        runtime.setVariable(processInstanceId, "nextStep", "stored");
        runtime.setVariable(processInstanceId, "keepDialing", false);
        cycle(next.session(), next.phone());

        assertThat(runtime.getVariable(processInstanceId, "nextStep")).isEqualTo("READY");
        assertThat(runtime.getVariable(processInstanceId, "keepDialing")).isEqualTo(true);
    }

    private record NextCall(JsonNode session, String phone) {
    }

    /** A session whose first call is over, and the number of the lead it will dial next. */
    private NextCall sessionAfterItsFirstCall() {
        String campaign = newCampaign();
        String first = newLeadPhone();
        String second = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + first + ",First,,2,\n" + second + ",Second,,1,\n");
        JsonNode session = startConnectedSession(newAgent(), campaign);
        cycle(session, first);
        return new NextCall(session, second);
    }

    /** One call cycle to {@code phone}, each webhook as Exotel sends it, with the statements each ran. */
    private Map<String, Run<?>> cycle(JsonNode session, String phone) {
        Map<String, Run<?>> cycle = new LinkedHashMap<>();
        cycle.put("dial-whom", WebhookStatements.of(() -> dialWhom(session)));
        assertThat(cycle.get("dial-whom").answer()).isEqualTo(phone);
        for (String event : List.of("Dial", "Ringing", "Answered", "Terminal")) {
            cycle.put(event, WebhookStatements.of(() -> webhook("/exotel/popup", popup(session, phone, event))));
        }
        cycle.put("passthru", WebhookStatements.of(() -> passthru(session, phone, "completed", 30)));
        cycle.put("ready", WebhookStatements.of(() -> askWhetherReady(session, null)));
        cycle.values().stream().map(Run::answer).filter(HttpResponse.class::isInstance)
                .forEach(answer -> assertThat(((HttpResponse<?>) answer).statusCode()).isEqualTo(200));
        return cycle;
    }
}
