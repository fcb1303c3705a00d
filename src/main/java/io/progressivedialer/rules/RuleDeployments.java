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
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
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

    private final RepositoryService repository;
    private final ObjectProvider<DeploymentImpact> impacts;

    RuleDeployments(RepositoryService repository, ObjectProvider<DeploymentImpact> impacts) {
        this.repository = repository;
        this.impacts = impacts;
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
        try (InputStream xml = repository.getResourceAsStream(definition.getDeploymentId(),
                definition.getResourceName())) {
            return xml.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deploys a .dmn file as {@code resourceName}, its tables becoming the latest versions; a 400 naming what is wrong
     * when a check refuses it; a 409 with the figures when it would leave an active campaign with no eligible lead,
     * unless {@code force}. {@code by} says who deployed it and from where.
     */
    public Deployment deploy(String resourceName, byte[] dmn, String by, boolean force) {
        if (dmn == null || dmn.length == 0) {
            throw DialerException.badRequest("no table: send the .dmn file as Camunda Modeler saves it");
        }
        if (!resourceName.matches("[A-Za-z0-9_-]{1,60}\\.dmn")) {
            throw DialerException.badRequest("name must be a file name ending in .dmn: " + resourceName);
        }
        if (!force) {
            List<String> stranded = impacts.orderedStream()
                    .flatMap(impact -> impact.campaignsLeftWithoutLeads(dmn).stream()).toList();
            if (!stranded.isEmpty()) {
                throw new DialerException(HttpStatus.CONFLICT, "no-eligible-lead", "not deployed: "
                        + String.join("; ", stranded) + ". Deploy with force=true to deploy it anyway");
            }
        }
        try {
            return repository.createDeployment().name(by).source(SOURCE)
                    .addInputStream(resourceName, new ByteArrayInputStream(dmn)).deploy();
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
        return deploy(resource.substring(resource.lastIndexOf('/') + 1), file(decisionKey, version),
                by + " (back to " + decisionKey + " version " + version + ")", force);
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
