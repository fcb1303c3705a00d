package io.progressivedialer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Records the SQL statements the web server's threads run while a test asks: what one webhook costs the database,
 * the engine's statements included, each row of a batch as one. Statements of the schedulers, which run meanwhile
 * on threads of their own, are not the webhook's and are left out.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WebhookStatements implements BeanPostProcessor {

    private static final List<String> recorded = Collections.synchronizedList(new ArrayList<>());
    private static volatile boolean recording;

    /** A webhook's answer, and the statements it made the web server run, in order. */
    public record Run<T>(T answer, List<String> statements) {

        /** The statements that contain {@code sqlPart}. */
        public List<String> matching(String sqlPart) {
            return statements.stream().filter(sql -> sql.contains(sqlPart)).toList();
        }
    }

    public static <T> Run<T> of(Supplier<T> webhook) {
        synchronized (WebhookStatements.class) {
            recorded.clear();
            recording = true;
            try {
                T answer = webhook.get();
                return new Run<>(answer, List.copyOf(recorded));
            } finally {
                recording = false;
            }
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof DataSource dataSource) || bean instanceof ProxyDataSource) {
            return bean;
        }
        return ProxyDataSourceBuilder.create(dataSource)
                .name(name)
                .afterQuery((execution, queries) -> {
                    if (!recording || !Thread.currentThread().getName().startsWith("http-nio")) {
                        return;
                    }
                    for (QueryInfo query : queries) {
                        int rows = execution.isBatch() ? Math.max(1, query.getParametersList().size()) : 1;
                        for (int row = 0; row < rows; row++) {
                            recorded.add(query.getQuery().replaceAll("\\s+", " ").trim());
                        }
                    }
                })
                .build();
    }
}
