package io.progressivedialer.session;

import io.progressivedialer.common.EngineManagers;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionManager;
import org.springframework.stereotype.Component;

/**
 * A process definition by id from the engine's deployment cache, when it is there. The engine read the definition's
 * row at every command that touched a session (every webhook: seven queries a call): to refresh the cached
 * definition's suspension state and history time to live, and for the key and version its history rows carry.
 * Sessions start by key, which still reads the latest definition from the database and refreshes the cached one; a
 * running session's own suspension is its execution's, which every command reads anyway. A definition not in the
 * cache yet is read and cached as the engine does.
 */
@Component
class CachedProcessDefinitions extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, ProcessDefinitionManager.class, FromDeploymentCache::new);
        configuration.setHistoryEventProducer(new CacheAwareHistoryEventProducer() {
            @Override
            protected ProcessDefinitionEntity getProcessDefinitionEntity(String id) {
                ProcessDefinitionEntity deployed = deployed(id);
                return deployed != null ? deployed : super.getProcessDefinitionEntity(id);
            }
        });
    }

    private static ProcessDefinitionEntity deployed(String id) {
        return Context.getProcessEngineConfiguration().getDeploymentCache().findProcessDefinitionFromCache(id);
    }

    private static class FromDeploymentCache extends ProcessDefinitionManager {

        @Override
        public ProcessDefinitionEntity findLatestDefinitionById(String id) {
            ProcessDefinitionEntity deployed = deployed(id);
            return deployed != null ? deployed : super.findLatestDefinitionById(id);
        }
    }
}
