package io.progressivedialer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import org.junit.jupiter.api.Test;

/**
 * An analyst deploys a new version of a table to the engine REST API, as Camunda Modeler's Deploy button
 * does; the next selection follows it, without a restart.
 */
class LiveRuleChangeTest extends PassiveExotelTest {

    @Test
    void aNewVersionOfLeadSelectionIsUsedByTheNextSelection() {
        String campaign = newCampaign();
        String agent = newAgent();
        String high = newLeadPhone();
        String middle = newLeadPhone();
        String low = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + high + ",High," + agent + ",9,\n"
                + middle + ",Middle," + agent + ",5,\n" + low + ",Low," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        assertThat(dialWhom(session)).as("highest priority first").isEqualTo(high);

        String lowestFirst = shippedLeadRules().replace("<text>priority * 10</text>", "<text>priority * -10</text>");
        assertThat(lowestFirst).isNotEqualTo(shippedLeadRules());
        try {
            deployDecisions(lowestFirst);

            assertThat(dialWhom(session)).as("the analyst's new rule: lowest priority first").isEqualTo(low);
        } finally {
            deployDecisions(shippedLeadRules());
        }
        assertThat(dialWhom(session)).isEqualTo(middle);
    }
}
