package io.progressivedialer.session;

import io.progressivedialer.common.EngineManagers;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionManager;
import org.springframework.stereotype.Component;

/**
 * Deletes a message subscription without looking for the job of its asynchronous trigger. The engine looks for one
 * at every deletion, but only signal events are ever triggered asynchronously; a session passing "Wait for Exotel"
 * deletes the subscriptions of the events it did not take, twice a call, and each look-up was a query that could
 * find nothing. Other kinds of subscription are deleted as the engine does.
 */
@Component
class MessageSubscriptions extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, EventSubscriptionManager.class, WithoutAsyncJobLookUps::new);
    }

    private static class WithoutAsyncJobLookUps extends EventSubscriptionManager {

        @Override
        public void deleteEventSubscription(EventSubscriptionEntity subscription) {
            if (subscription.isSubscriptionForEventType(EventType.MESSAGE)) {
                getDbEntityManager().delete(subscription);
            } else {
                super.deleteEventSubscription(subscription);
            }
        }
    }
}
