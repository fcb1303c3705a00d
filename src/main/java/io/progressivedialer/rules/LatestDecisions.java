package io.progressivedialer.rules;

import io.progressivedialer.common.EngineManagers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionManager;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which version of each decision table is the latest. The engine asks at every business rule task (binding
 * {@code latest}) and the dialer at every selection; asking the database each time cost five queries a call. Known
 * here instead: forgotten once a deployment made or deleted on this node commits, so that the next evaluation reads
 * the new version, and looked up afresh every {@code dialer.decisions.refresh-interval} (one query a node), so that a
 * table deployed on another node is used here within that interval.
 */
@Component
public class LatestDecisions extends AbstractProcessEnginePlugin {

    /** The latest version of a decision: its definition's id and its version number. */
    public record Latest(String id, int version) {

        static Latest of(DecisionDefinition definition) {
            return definition == null ? null : new Latest(definition.getId(), definition.getVersion());
        }
    }

    private final ObjectProvider<RepositoryService> repository;
    private final Map<String, Latest> known = new ConcurrentHashMap<>();
    /** Counts what was forgotten: a look-up begun before a deployment committed is not remembered after it. */
    private long generation;

    LatestDecisions(ObjectProvider<RepositoryService> repository) {
        this.repository = repository;
    }

    /** The latest version of {@code decisionKey}; null when none is deployed. */
    public Latest latest(String decisionKey) {
        return latest(decisionKey, () -> Latest.of(repository.getObject().createDecisionDefinitionQuery()
                .decisionDefinitionKey(decisionKey).withoutTenantId().latestVersion().singleResult()));
    }

    private Latest latest(String decisionKey, Supplier<Latest> lookUp) {
        Latest latest = known.get(decisionKey);
        if (latest != null) {
            return latest;
        }
        long seen = generation();
        latest = lookUp.get();
        if (latest != null) {
            remember(seen, decisionKey, latest);
        }
        return latest;
    }

    /** What other nodes deployed: all latest versions in one query. */
    @Scheduled(fixedDelayString = "${dialer.decisions.refresh-interval:PT1S}")
    void refresh() {
        long seen = generation();
        Map<String, Latest> current = repository.getObject().createDecisionDefinitionQuery().withoutTenantId()
                .latestVersion().list().stream()
                .collect(Collectors.toMap(DecisionDefinition::getKey, Latest::of));
        if (!current.equals(known)) {
            replace(seen, current);
        }
    }

    private synchronized long generation() {
        return generation;
    }

    /** Unless a deployment committed since {@code seen}: what was read then may be older than it. */
    private synchronized void remember(long seen, String decisionKey, Latest latest) {
        if (generation == seen) {
            known.put(decisionKey, latest);
        }
    }

    private synchronized void replace(long seen, Map<String, Latest> current) {
        if (generation == seen) {
            generation++;
            known.clear();
            known.putAll(current);
        }
    }

    private synchronized void forget() {
        generation++;
        known.clear();
    }

    /** Within an engine command that deploys or deletes tables: forgotten when, and only if, it commits. */
    private void forgetOnCommit() {
        Context.getCommandContext().getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, committed -> forget());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, DecisionDefinitionManager.class, KnownLatestDefinitions::new);
        List<Deployer> deployers = configuration.getCustomPostDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostDeployers());
        deployers.add(deployment -> {
            if (deployment.isNew()) {
                forgetOnCommit();
            }
        });
        configuration.setCustomPostDeployers(deployers);
    }

    /** The engine's decision definitions, their latest versions as known here. */
    private class KnownLatestDefinitions extends DecisionDefinitionManager {

        @Override
        public DecisionDefinitionEntity findLatestDecisionDefinitionByKey(String decisionKey) {
            Latest latest = latest(decisionKey, () -> Latest.of(super.findLatestDecisionDefinitionByKey(decisionKey)));
            return latest == null ? null : deployed(latest.id());
        }

        @Override
        public DecisionDefinitionEntity findLatestDecisionDefinitionByKeyAndTenantId(String decisionKey,
                                                                                   String tenantId) {
            return tenantId == null ? findLatestDecisionDefinitionByKey(decisionKey)
                    : super.findLatestDecisionDefinitionByKeyAndTenantId(decisionKey, tenantId);
        }

        private DecisionDefinitionEntity deployed(String definitionId) {
            DecisionDefinitionEntity cached = Context.getProcessEngineConfiguration().getDeploymentCache()
                    .findDecisionDefinitionFromCache(definitionId);
            return cached != null ? cached : findDecisionDefinitionById(definitionId);
        }

        @Override
        public void deleteDecisionDefinitionsByDeploymentId(String deploymentId) {
            forgetOnCommit();
            super.deleteDecisionDefinitionsByDeploymentId(deploymentId);
        }
    }
}
