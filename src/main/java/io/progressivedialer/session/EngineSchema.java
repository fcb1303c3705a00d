package io.progressivedialer.session;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

/**
 * The dialer's additions to the engine's own tables ({@code db/engine/<the engine's database type>}), applied by
 * Flyway once the engine has created or checked its schema, with their own history table: the dialer's tables are
 * migrated before the engine starts, its tables' additions only after.
 */
@Component
class EngineSchema extends AbstractProcessEnginePlugin {

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        Flyway.configure()
                .dataSource(configuration.getDataSource())
                .locations("classpath:db/engine/" + configuration.getDatabaseType())
                .table("engine_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .failOnMissingLocations(false)
                .load()
                .migrate();
    }
}
