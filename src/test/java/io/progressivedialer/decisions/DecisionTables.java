package io.progressivedialer.decisions;

import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/** The project's decision tables, parsed from dmn/ as the engine deploys them, evaluated by Camunda's DMN engine. */
final class DecisionTables {

    /** Configured as the application configures the engine's: the Java FEEL engine for cells, JUEL elsewhere. */
    private static final DmnEngine ENGINE = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration
            .createDefaultDmnEngineConfiguration()).enableFeelLegacyBehavior(true).buildEngine();

    private DecisionTables() {
    }

    static DmnDecisionResultEntries evaluate(String decisionKey, String file, Map<String, Object> facts) {
        try (InputStream dmn = DecisionTables.class.getResourceAsStream("/" + file)) {
            return ENGINE.evaluateDecision(ENGINE.parseDecision(decisionKey, dmn), facts).getSingleResult();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
