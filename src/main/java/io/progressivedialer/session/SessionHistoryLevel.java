package io.progressivedialer.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.springframework.stereotype.Component;

/**
 * The history level {@code sessions}: each session's start and end, its incidents, the work it did (service tasks,
 * decisions) and how it ended (its end event), but not the gateways, message waits and flows that a session passes
 * some thirty times a call, nor the four popups of each call, which only move the call record along. What each call
 * was and how it went is in the dialer's own tables (call records, agent states), so the engine's history keeps only
 * what a supervisor reads in Cockpit and an audit of the steps.
 */
@Component
class SessionHistoryLevel extends AbstractProcessEnginePlugin implements HistoryLevel {

    static final String NAME = "sessions";

    private static final Set<HistoryEventType> SESSION_EVENTS = Set.of(
            HistoryEventTypes.PROCESS_INSTANCE_START, HistoryEventTypes.PROCESS_INSTANCE_UPDATE,
            HistoryEventTypes.PROCESS_INSTANCE_MIGRATE, HistoryEventTypes.PROCESS_INSTANCE_END,
            HistoryEventTypes.INCIDENT_CREATE, HistoryEventTypes.INCIDENT_MIGRATE, HistoryEventTypes.INCIDENT_DELETE,
            HistoryEventTypes.INCIDENT_RESOLVE, HistoryEventTypes.INCIDENT_UPDATE);
    private static final Set<HistoryEventType> STEP_EVENTS = Set.of(
            HistoryEventTypes.ACTIVITY_INSTANCE_START, HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE,
            HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE, HistoryEventTypes.ACTIVITY_INSTANCE_END);
    private static final Set<String> WORK = Set.of(ActivityTypes.TASK_SERVICE, ActivityTypes.TASK_BUSINESS_RULE);
    /** The event subprocess that takes popups; the call record keeps what each told. */
    static final String POPUPS = "CustomerCallProgress";

    @Override
    public int getId() {
        return 20;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (SESSION_EVENTS.contains(eventType)) {
            return true;
        }
        if (!STEP_EVENTS.contains(eventType)) {
            return false;
        }
        // without an entity the engine asks whether the level records steps at all
        if (!(entity instanceof ExecutionEntity execution) || execution.getActivity() == null) {
            return true;
        }
        ActivityImpl step = execution.getActivity();
        String type = step.getProperties().get(BpmnProperties.TYPE);
        boolean sessionLevel = step.getFlowScope() == step.getProcessDefinition();
        return WORK.contains(type) && !POPUPS.equals(step.getFlowScope().getId())
                || ActivityTypes.END_EVENT_NONE.equals(type) && sessionLevel;
    }

    /** Makes the level known to the engine, which picks it by {@code camunda.bpm.history-level}. */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(this);
        configuration.setCustomHistoryLevels(levels);
    }
}
