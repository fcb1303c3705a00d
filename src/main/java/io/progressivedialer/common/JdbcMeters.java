package io.progressivedialer.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code dialer.metrics.jdbc=true}, counts every SQL statement the application runs, the engine's included and
 * each row of a batch as one ({@code dialer_jdbc_statements_total}); every commit, a transaction's or a write's run
 * outside one ({@code dialer_jdbc_commits_total}); and the reads run outside a transaction, each a transaction of
 * its own that writes nothing ({@code dialer_jdbc_lone_reads_total}): what a call costs the database, per call, when
 * divided by {@code dialer_calls_finished_total}. Off by default: it wraps every connection.
 */
@Component
@ConditionalOnProperty("dialer.metrics.jdbc")
class JdbcMeters implements BeanPostProcessor {

    private static final String COMMITS = "dialer.jdbc.commits";
    private static final String COMMITS_DESCRIPTION = "transactions committed, a write run outside one included";

    private final ObjectProvider<MeterRegistry> meters;

    JdbcMeters(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof DataSource dataSource) || bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource) {
            return bean;
        }
        Counter[] counters = new Counter[3];
        return ProxyDataSourceBuilder.create(dataSource)
                .name(name)
                .afterQuery((execution, queries) -> {
                    // a batch of the engine's inserts or updates is as many statements as it has rows
                    counter(counters, 0, "dialer.jdbc.statements", "SQL statements run, each row of a batch counted")
                            .increment(execution.isBatch() ? Math.max(1, execution.getBatchSize()) : queries.size());
                    if (autoCommitted(execution.getStatement())) {
                        if (isRead(queries)) {
                            counter(counters, 2, "dialer.jdbc.lone.reads", "reads run outside a transaction")
                                    .increment();
                        } else {
                            counter(counters, 1, COMMITS, COMMITS_DESCRIPTION).increment();
                        }
                    }
                })
                .afterMethod(method -> {
                    if (method.getMethod().getName().equals("commit")
                            && method.getTarget() instanceof java.sql.Connection) {
                        counter(counters, 1, COMMITS, COMMITS_DESCRIPTION).increment();
                    }
                })
                .build();
    }

    /** A lone select; read in place, since this runs for every statement. */
    private static boolean isRead(List<QueryInfo> queries) {
        if (queries.size() != 1) {
            return false;
        }
        String sql = queries.get(0).getQuery();
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        return sql.regionMatches(true, start, "select", 0, 6);
    }

    /** A statement run outside a transaction is a transaction of its own, committed by the database. */
    private static boolean autoCommitted(Statement statement) {
        try {
            return statement != null && statement.getConnection().getAutoCommit();
        } catch (SQLException closed) {
            return false;
        }
    }

    /** Registered on first use: the registry is not there yet when the data source is made. */
    private Counter counter(Counter[] counters, int index, String name, String description) {
        if (counters[index] == null) {
            counters[index] = Counter.builder(name).description(description).register(meters.getObject());
        }
        return counters[index];
    }
}
