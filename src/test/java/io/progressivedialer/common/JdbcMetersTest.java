package io.progressivedialer.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class JdbcMetersTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private DataSource counted() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:jdbc-meters;DB_CLOSE_DELAY=-1");
        JdbcMeters meters = new JdbcMeters(new StaticListableBeanFactory(Map.of("registry", registry))
                .getBeanProvider(MeterRegistry.class));
        return (DataSource) meters.postProcessAfterInitialization(h2, "dataSource");
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void eachRowOfABatchIsAStatementAndEachTransactionOrLoneWriteACommit() throws Exception {
        try (Connection connection = counted().getConnection()) {
            connection.createStatement().execute("create table call_row (id int)");
            connection.createStatement().executeQuery("select count(*) from call_row").close();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into call_row values (?)")) {
                for (int id = 1; id <= 3; id++) {
                    insert.setInt(1, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.createStatement().executeQuery("select count(*) from call_row").close();
            connection.commit();
        }

        assertThat(count("dialer.jdbc.statements")).isEqualTo(1 + 1 + 3 + 1);
        assertThat(count("dialer.jdbc.commits")).as("the lone create table, the transaction").isEqualTo(1 + 1);
        assertThat(count("dialer.jdbc.lone.reads")).as("the select outside the transaction").isEqualTo(1);
    }
}
