package io.progressivedialer.rules;

import java.io.ByteArrayInputStream;
import io.progressivedialer.common.DialerException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Checks every decision table the engine is asked to deploy, whoever asks (the application at start-up, the rules
 * API, Camunda Modeler through the engine REST API): a table with an expression that may run code, that fails any
 * other {@link TableCheck} (the outputs the dialer reads), or that fails one of its {@link RuleCases cases}, is refused with the engine's parse error, which the engine
 * REST API answers 400, each refused element named.
 */
@Component
public class TableDeploymentCheck extends AbstractProcessEnginePlugin {

    private final ObjectProvider<TableCheck> checks;
    private final ObjectProvider<RuleCases> cases;

    TableDeploymentCheck(ObjectProvider<TableCheck> checks, ObjectProvider<RuleCases> cases) {
        this.checks = checks;
        this.cases = cases;
    }

    /** Every problem of the model, for every check; empty when it may be deployed. */
    public List<TableCheck.Refusal> refusals(DmnModelInstance model) {
        List<TableCheck.Refusal> refusals = new ArrayList<>(TableExpressions.check(model));
        checks.orderedStream().forEach(check -> refusals.addAll(check.check(model)));
        return refusals;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(this::check);
        configuration.setCustomPreDeployers(deployers);
    }

    /** Every problem of the model and every case of its own it fails. */
    public List<TableCheck.Refusal> refusals(DmnModelInstance model, List<RuleCases.Case> ownCases) {
        List<TableCheck.Refusal> refusals = refusals(model);
        refusals.addAll(cases.getObject().failures(model, ownCases));
        return refusals;
    }

    private void check(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        Map<String, List<RuleCases.Case>> brought = new HashMap<>();
        for (ResourceEntity resource : deployment.getResources().values()) {
            if (RuleCases.isCasesFile(resource.getName())) {
                brought.put(RuleCases.baseName(resource.getName()), casesOf(resource));
            }
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            if (isTable(resource.getName())) {
                String casesFile = RuleCases.casesFileOf(resource.getName());
                check(resource, brought.containsKey(casesFile) ? brought.get(casesFile)
                        : cases.getObject().inForce(casesFile));
            }
        }
    }

    private List<RuleCases.Case> casesOf(ResourceEntity resource) {
        try {
            return cases.getObject().read(resource.getBytes());
        } catch (DialerException bad) {
            throw new ParseException("cases " + resource.getName() + " refused: " + bad.getMessage(),
                    resource.getName(), List.of(), List.of());
        }
    }

    private static boolean isTable(String name) {
        return name != null && (name.endsWith(".dmn") || name.endsWith(".dmn11.xml") || name.endsWith(".dmn.xml"));
    }

    private void check(ResourceEntity resource, List<RuleCases.Case> ownCases) {
        List<TableCheck.Refusal> refusals;
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
        } catch (RuntimeException unreadable) {
            return; // the engine's own deployer reports a file it cannot read
        }
        refusals = refusals(model, ownCases);
        if (!refusals.isEmpty()) {
            List<Problem> errors = refusals.stream().<Problem>map(Refused::new).toList();
            throw new ParseException("decision table " + resource.getName() + " refused: "
                    + TableCheck.describe(refusals),
                    resource.getName(), errors, List.of());
        }
    }

    private record Refused(TableCheck.Refusal refusal) implements Problem {

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
