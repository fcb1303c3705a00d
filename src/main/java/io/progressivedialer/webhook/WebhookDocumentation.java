package io.progressivedialer.webhook;

import io.progressivedialer.common.ApiDocumentation;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every Exotel webhook takes and answers, written once for the OpenAPI page: the key in the URL, the fields
 * that find the agent's session, and the errors of a wrong key, a bad field or no session.
 */
@Configuration
class WebhookDocumentation {

    private static final List<Parameter> SESSION_FIELDS = List.of(
            query("key", true, "dialer.exotel.webhook-key, written into every URL pasted into Exotel",
                    "Xq7v1b9R2mKp4sT6wY8zA3cE5gJ0nL2q"),
            query("CallSid", true, "the agent leg's Sid, which Calls/connect answered: finds the session",
                    "066b197844c030d6737dac19cca6157p"),
            query("CallFrom", false, "the agent's number: finds the session when the Sid is not known yet",
                    "07709562799"),
            query("CustomField", false, "the session id the dialer gave Calls/connect, echoed back",
                    "7c9e6679-7425-40de-944b-e07fc1f90ae7"));

    @Bean
    OpenApiCustomizer webhookFields() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/exotel/")) {
                item.readOperations().forEach(WebhookDocumentation::document);
            }
        });
    }

    private static void document(Operation operation) {
        // the key always travels in the URL; a StatusCallback's other fields are in its body
        List<Parameter> shared = operation.getRequestBody() == null ? SESSION_FIELDS : SESSION_FIELDS.subList(0, 1);
        List<Parameter> own = operation.getParameters() == null ? List.of() : operation.getParameters();
        operation.setParameters(new ArrayList<>(shared));
        operation.getParameters().addAll(own);
        operation.getResponses().putIfAbsent("400", ApiDocumentation.error(400,
                "a field missing, malformed, or longer than the column it is kept in"));
        operation.getResponses().putIfAbsent("401", ApiDocumentation.error(401, "a missing or wrong key"));
        operation.getResponses().putIfAbsent("404", ApiDocumentation.error(404,
                "no session for this CallSid, agent number or CustomField"));
    }

    private static Parameter query(String name, boolean required, String description, String example) {
        return new Parameter().in("query").name(name).required(required).description(description)
                .schema(new StringSchema()).example(example);
    }
}
