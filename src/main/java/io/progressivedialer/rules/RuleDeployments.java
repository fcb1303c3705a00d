package io.progressivedialer.rules;

import io.progressivedialer.common.DialerException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The decision tables as deployed: each decision's versions, who deployed each (the deployment's name: the login and
 * address, or what Camunda Modeler called it), from where (its source) and when; deploying a file as Camunda Modeler
 * saves it, checked by every {@link TableCheck} on the way in; and deploying an earlier version's file again.
 */
@Service
public class RuleDeployments {

    /** The source of a deployment made through the rules API. */
    static final String SOURCE = "rules API";

    public record Version(int version, String deploymentId, String deployedBy, String source, Instant deployedAt,
                          String resource) {
    }

    public record Decision(String key, String name, int latestVersion, List<Version> versions) {
    }

    /**
     * What a file would meet if deployed: the refusals (checks and cases; any refuses it), the warnings (inputs no fact
     * gives) and the active campaigns it would leave with no eligible lead (refuses it unless forced).
     */
    public record Validation(List<TableCheck.Refusal> refusals, List<String> warnings, List<String> stranded) {
    }

    private final RepositoryService repository;
    private final ObjectProvider<DeploymentImpact> impacts;
    private final TableDeploymentCheck checks;
    private final RuleCases cases;
    private final ObjectProvider<FactNames> factNames;

    RuleDeployments(RepositoryService repository, ObjectProvider<DeploymentImpact> impacts,
                    TableDeploymentCheck checks, RuleCases cases, ObjectProvider<FactNames> factNames) {
        this.repository = repository;
        this.impacts = impacts;
        this.checks = checks;
        this.cases = cases;
        this.factNames = factNames;
    }

    /**
     * Validates a file without deploying it, with the cases given ({@code casesFile}) or, when none, those in force
     * for its name.
     */
    public Validation validate(String resourceName, byte[] dmn, byte[] casesFile) {
        checkName(resourceName);
        DmnModelInstance model = model(dmn);
        List<RuleCases.Case> held = casesFile == null ? cases.inForce(RuleCases.casesFileOf(resourceName))
                : cases.read(casesFile);
        List<TableCheck.Refusal> refusals = checks.refusals(model, held);
        List<String> stranded = refusals.isEmpty() ? stranded(dmn) : List.of();
        return new Validation(refusals, warnings(model), stranded);
    }

    /** The inputs of a file that read no fact, session variable or lead column. */
    public List<String> warnings(byte[] dmn) {
        return warnings(model(dmn));
    }

    private List<String> warnings(DmnModelInstance model) {
        return Tables.unknownInputs(model, Set.copyOf(knownNames()));
    }

    /** The names a table's inputs may read, sorted. */
    public List<String> knownNames() {
        return factNames.orderedStream().flatMap(names -> names.known().stream()).distinct().sorted().toList();
    }

    private static DmnModelInstance model(byte[] dmn) {
        if (dmn == null || dmn.length == 0) {
            throw DialerException.badRequest("no table: send the .dmn file as Camunda Modeler saves it");
        }
        try {
            return Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
        } catch (RuntimeException e) {
            throw DialerException.badRequest("not a decision table file Camunda Modeler saves: " + e.getMessage());
        }
    }

    private static void checkName(String resourceName) {
        if (resourceName == null || !resourceName.matches("[A-Za-z0-9_-]{1,60}\\.dmn")) {
            throw DialerException.badRequest("name must be a file name ending in .dmn: " + resourceName);
        }
    }

    private List<String> stranded(byte[] dmn) {
        return impacts.orderedStream().flatMap(impact -> impact.campaignsLeftWithoutLeads(dmn).stream()).toList();
    }

    /** The cases in force for a file of tables: those deployed last with it. */
    public List<RuleCases.Case> casesOf(String resourceName) {
        checkName(resourceName);
        return cases.inForce(RuleCases.casesFileOf(resourceName));
    }

    /** The rules added, removed and changed in a decision from one version to another. */
    public TableDiff.Changes changes(String decisionKey, int from, int to) {
        return TableDiff.between(decisionKey, from, model(file(decisionKey, from)), to, model(file(decisionKey, to)));
    }

    /** Every decision and its versions, the newest first. */
    public List<Decision> decisions() {
        Map<String, List<DecisionDefinition>> byKey = repository.createDecisionDefinitionQuery().withoutTenantId()
                .list().stream().collect(Collectors.groupingBy(DecisionDefinition::getKey, LinkedHashMap::new,
                        Collectors.toList()));
        Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, deployment -> deployment));
        return byKey.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(entry -> {
            List<Version> versions = entry.getValue().stream()
                    .sorted(Comparator.comparingInt(DecisionDefinition::getVersion).reversed())
                    .map(definition -> version(definition, deployments.get(definition.getDeploymentId())))
                    .toList();
            DecisionDefinition latest = entry.getValue().stream()
                    .max(Comparator.comparingInt(DecisionDefinition::getVersion)).orElseThrow();
            return new Decision(entry.getKey(), latest.getName(), latest.getVersion(), versions);
        }).toList();
    }

    private static Version version(DecisionDefinition definition, Deployment deployment) {
        return new Version(definition.getVersion(), definition.getDeploymentId(),
                deployment == null ? null : deployment.getName(), deployment == null ? null : deployment.getSource(),
                deployment == null || deployment.getDeploymentTime() == null ? null
                        : deployment.getDeploymentTime().toInstant(),
                definition.getResourceName());
    }

    /** The decisions a deployment holds. */
    public List<String> decisionsOf(Deployment deployment) {
        return repository.createDecisionDefinitionQuery().deploymentId(deployment.getId()).list().stream()
                .map(DecisionDefinition::getKey).sorted().toList();
    }

    /** The file that holds the decision's version, as deployed. */
    public byte[] file(String decisionKey, int version) {
        DecisionDefinition definition = definition(decisionKey, version);
        return RuleCases.resource(repository, definition.getDeploymentId(), definition.getResourceName());
    }

    /**
     * Deploys a .dmn file as {@code resourceName}, its tables becoming the latest versions; a 400 naming what is wrong
     * when a check refuses it; a 409 with the figures when it would leave an active campaign with no eligible lead,
     * unless {@code force}. {@code casesFile}, when given, is deployed with it as its cases (and must pass); without,
     * the cases in force hold it. {@code by} says who deployed it and from where.
     */
    public Deployment deploy(String resourceName, byte[] dmn, byte[] casesFile, String by, boolean force) {
        checkName(resourceName);
        model(dmn);
        if (casesFile != null) {
            cases.read(casesFile);
        }
        if (!force) {
            List<String> stranded = stranded(dmn);
            if (!stranded.isEmpty()) {
                throw new DialerException(HttpStatus.CONFLICT, "no-eligible-lead", "not deployed: "
                        + String.join("; ", stranded) + ". Deploy with force=true to deploy it anyway");
            }
        }
        try {
            DeploymentBuilder deployment = repository.createDeployment().name(by).source(SOURCE)
                    .addInputStream(resourceName, new ByteArrayInputStream(dmn));
            if (casesFile != null) {
                deployment.addInputStream(RuleCases.casesFileOf(resourceName), new ByteArrayInputStream(casesFile));
            }
            return deployment.deploy();
        } catch (ParseException e) {
            throw DialerException.badRequest(e.getMessage());
        } catch (org.camunda.bpm.engine.ProcessEngineException e) {
            throw DialerException.badRequest("not a usable decision table file: " + e.getMessage());
        }
    }

    /** Deploys the file of an earlier version again: its tables become the latest versions. */
    public Deployment rollBack(String decisionKey, int version, String by, boolean force) {
        DecisionDefinition definition = definition(decisionKey, version);
        String resource = definition.getResourceName();
        return deploy(RuleCases.baseName(resource), file(decisionKey, version), casesDeployedWith(definition),
                by + " (back to " + decisionKey + " version " + version + ")", force);
    }

    /**
     * The cases that held that version when it was deployed (those deployed with it, or last before it): a rollback
     * takes them back too, so that the earlier table is not judged by the cases written for a later one.
     */
    private byte[] casesDeployedWith(DecisionDefinition definition) {
        Deployment then = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
        return cases.newestDeployed(RuleCases.casesFileOf(definition.getResourceName()), then.getDeploymentTime())
                .orElse(null);
    }

    private DecisionDefinition definition(String decisionKey, int version) {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
                .decisionDefinitionVersion(version).withoutTenantId().singleResult();
        if (definition == null) {
            throw DialerException.notFound("version " + version + " of decision", decisionKey);
        }
        return definition;
    }
}
