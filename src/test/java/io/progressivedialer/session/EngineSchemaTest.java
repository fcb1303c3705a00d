package io.progressivedialer.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.PassiveExotelTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class EngineSchemaTest extends PassiveExotelTest {

    @Autowired
    JdbcClient jdbc;

    /** The engine's look-up of a session's variables, as its mapping writes it, on an empty table and a full one. */
    @Test
    void aSessionsVariablesAreFoundByItsExecutionNotByScanningEveryVariable() {
        String plan = jdbc.sql("explain select RES.* from ACT_RU_VARIABLE RES left join ACT_RU_EXECUTION EXECUTION"
                        + " on RES.EXECUTION_ID_ = EXECUTION.ID_ where EXECUTION_ID_ = ? and TASK_ID_ is null")
                .param("any-execution").query(String.class).single();

        assertThat(plan).contains("/* PUBLIC.DIALER_IDX_VARIABLE_EXECUTION: EXECUTION_ID_ = ?1").doesNotContain("ACT_IDX_VARIABLE_TASK_ID");
        assertThat(jdbc.sql("select count(*) from \"engine_schema_history\" where \"success\"")
                .query(Integer.class).single()).isPositive();
    }
}
