package io.progressivedialer.rules;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.dmn.Dmn;
import org.springframework.stereotype.Component;

/**
 * Checks every decision table the engine is asked to deploy, whoever asks (the application at start-up, the rules
 * API, Camunda Modeler through the engine REST API): a table with an expression that may run code is refused with
 * the engine's parse error, which the engine REST API answers 400, each refused cell named.
 */
@Component
public class TableDeploymentCheck extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(TableDeploymentCheck::check);
        configuration.setCustomPreDeployers(deployers);
    }

    private static void check(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            if (isTable(resource.getName())) {
                check(resource);
            }
        }
    }

    private static boolean isTable(String name) {
        return name != null && (name.endsWith(".dmn") || name.endsWith(".dmn11.xml") || name.endsWith(".dmn.xml"));
    }

    private static void check(ResourceEntity resource) {
        List<TableExpressions.Refusal> refusals;
        try {
            refusals = TableExpressions.check(Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes())));
        } catch (RuntimeException unreadable) {
            return; // the engine's own deployer reports a file it cannot read
        }
        if (!refusals.isEmpty()) {
            List<Problem> errors = refusals.stream().<Problem>map(Refused::new).toList();
            throw new ParseException("decision table " + resource.getName() + " refused: "
                    + TableExpressions.describe(refusals),
                    resource.getName(), errors, List.of());
        }
    }

    private record Refused(TableExpressions.Refusal refusal) implements Problem {

        @Override
        public String getMessage() {
            return refusal.message();
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return refusal.elementId();
        }

        @Override
        public List<String> getElementIds() {
            return List.of(refusal.elementId());
        }
    }
}
