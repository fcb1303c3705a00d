package io.progressivedialer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The latest version of each table is known without a query per evaluation, and still the latest: a table deployed
 * on this node decides the very next call; one deployed on another node (a second engine on the same database)
 * decides here within the refresh interval.
 */
class LatestDecisionsTest extends PassiveExotelTest {

    private static final String KEY = "continue-dialing";

    @Autowired
    LatestDecisions latestDecisions;

    @Autowired
    DataSource dataSource;

    @Test
    void aTableDeployedHereDecidesTheNextCall() throws IOException {
        JsonNode session = sessionWithTwoLeads();
        assertThat(dialWhom(session)).as("the shipped table keeps dialing").isNotNull();
        try {
            deployDecisions(alwaysStop());

            assertThat(dialWhom(session)).as("the new table stops at once").isNull();
        } finally {
            deployDecisions(shipped());
        }
    }

    @Test
    void aTableDeployedOnAnotherNodeDecidesHereWithinTheRefreshInterval() throws IOException {
        JsonNode session = sessionWithTwoLeads();
        assertThat(dialWhom(session)).isNotNull();
        ProcessEngine otherNode = otherNode();
        try {
            otherNode.getRepositoryService().createDeployment().name("from another node")
                    .addString("continue-dialing.dmn", alwaysStop()).deploy();
            int deployed = otherNode.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(KEY)
                    .latestVersion().singleResult().getVersion();

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (latestDecisions.latest(KEY).version() != deployed && System.nanoTime() < deadline) {
                sleep(100);
            }
            assertThat(latestDecisions.latest(KEY).version()).isEqualTo(deployed);
            assertThat(dialWhom(session)).as("the other node's table decides here").isNull();
        } finally {
            otherNode.close();
            deployDecisions(shipped());
        }
    }

    private JsonNode sessionWithTwoLeads() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",First," + agent + ",2,\n"
                + newLeadPhone() + ",Second," + agent + ",1,\n");
        return startConnectedSession(agent, campaign);
    }

    /** A second node: an engine of its own on the same database, deploying as Camunda Modeler would there. */
    private ProcessEngine otherNode() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneProcessEngineConfiguration()
                .setDataSource(dataSource)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE)
                .setHistory(ProcessEngineConfiguration.HISTORY_ACTIVITY)
                .setJobExecutorActivate(false)
                .setProcessEngineName("otherNode");
        configuration.setIdGenerator(new StrongUuidGenerator());
        return configuration.buildProcessEngine();
    }

    private static String shipped() throws IOException {
        try (InputStream dmn = LatestDecisionsTest.class.getResourceAsStream("/continue-dialing.dmn")) {
            return new String(dmn.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The shipped table with its first rule ("stop requested") matching every call. */
    private static String alwaysStop() throws IOException {
        String stopRequested = "<inputEntry id=\"continue-dialing-rule-0-in-3\"><text>true</text></inputEntry>";
        String shipped = shipped();
        assertThat(shipped).contains(stopRequested);
        return shipped.replace(stopRequested, "<inputEntry id=\"continue-dialing-rule-0-in-3\"><text>-</text></inputEntry>");
    }
}
