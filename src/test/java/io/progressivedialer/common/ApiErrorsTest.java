package io.progressivedialer.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

/** A database out of reach is a 503 to come back after, whoever wrapped it; anything else unforeseen a 500. */
class ApiErrorsTest {

    private final ApiErrors errors = new ApiErrors();

    @Test
    void theConnectionPoolTimingOutInsideTheEngineIsA503WithRetryAfter() {
        // as Hikari reports no connection within its timeout, and Camunda's MyBatis and the engine wrap it
        Exception failure = new ProcessEngineException("could not correlate", new PersistenceException(
                new SQLTransientConnectionException("dialer - Connection is not available, request timed out after "
                        + "3000ms")));

        ResponseEntity<?> answer = errors.unexpected(failure);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody()).hasToString("ApiError[error=unavailable, message=the dialer's database cannot be "
                + "reached; try again shortly]");
    }

    @Test
    void springsTransactionThatGotNoConnectionIsA503AndAnythingElseA500() {
        assertThat(errors.unexpected(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("refused"))).getStatusCode())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(errors.unexpected(new RuntimeException(new java.sql.SQLException(
                "An I/O error occurred while sending to the backend.", "08006"))).getStatusCode())
                .as("a connection broken by the restart").isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(errors.unexpected(new RuntimeException(new java.sql.SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"))).getStatusCode())
                .as("the server shutting down").isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(errors.unexpected(new RuntimeException(new java.sql.SQLException("duplicate key", "23505")))
                .getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(errors.unexpected(new IllegalStateException("a bug")).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
