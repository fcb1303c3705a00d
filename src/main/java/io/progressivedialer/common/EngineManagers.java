package io.progressivedialer.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * Gives the engine a manager of the dialer's (one of the engine's per-command data access objects, subclassed) in
 * place of its own: from a plugin's {@code preInit}.
 */
public final class EngineManagers {

    private EngineManagers() {
    }

    public static <T extends Session> void replace(ProcessEngineConfigurationImpl configuration, Class<T> type,
                                                   Supplier<? extends T> manager) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return type;
            }

            @Override
            public Session openSession() {
                return manager.get();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }
}
