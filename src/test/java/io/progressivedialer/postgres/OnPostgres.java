package io.progressivedialer.postgres;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test against a real PostgreSQL server (embedded binaries from Maven Central) through the
 * {@code postgres} profile, instead of H2, in a database of its own. The application is closed after the class,
 * while the server still runs: at the end of the JVM the server's own shutdown would race the application's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ActiveProfiles("postgres")
@DirtiesContext
@ContextConfiguration(initializers = PostgresDatabase.class)
public @interface OnPostgres {
}
