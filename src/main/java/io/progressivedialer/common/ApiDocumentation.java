package io.progressivedialer.common;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * What every operation on the OpenAPI page shares, written once: the answers to a caller who is not signed in or
 * whose role may not do it, and the {@code {error, message}} body of every 4xx answer, with an example.
 */
@Configuration
public class ApiDocumentation {

    private static final Schema<?> ERROR = new ObjectSchema()
            .addProperty("error", new StringSchema().description("what kind of mistake"))
            .addProperty("message", new StringSchema().description("what to put right"));

    /** The login the API takes: HTTP Basic. The page's Authorize button signs in with it. */
    static final String LOGIN = "login";

    @Bean
    OpenApiCustomizer errorAnswers() {
        return openApi -> {
            openApi.schemaRequirement(LOGIN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("a dialer login: administrator, supervisor, integration or agent"));
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                if (path.startsWith("/api/")) {
                    operation.addSecurityItem(new SecurityRequirement().addList(LOGIN));
                }
            }));
            answerErrors(openApi);
        };
    }

    private static void answerErrors(OpenAPI openApi) {
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (path.startsWith("/api/")) {
                operation.getResponses().putIfAbsent("401", error(401, "not signed in"));
                operation.getResponses().putIfAbsent("403",
                        error(403, "signed in, but this role (or this agent) may not do it"));
            }
            // springdoc gives an error answer the operation's own return type; every one is ApiErrors' body
            operation.getResponses().replaceAll((code, response) -> code.startsWith("4")
                    ? error(Integer.parseInt(code), response.getDescription()) : response);
        }));
    }

    /** An error answer: ApiErrors' {@code {error, message}} body, with the description as its message. */
    public static ApiResponse error(int code, String description) {
        Map<String, String> example = Map.of(
                "error", HttpStatus.valueOf(code).getReasonPhrase().toLowerCase().replace(' ', '-'),
                "message", description);
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                new MediaType().schema(ERROR).example(example)));
    }
}
