package io.progressivedialer.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.common.DialerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The analysts' examples, kept beside their tables ({@code lead-rules.cases.json} beside {@code lead-rules.dmn}) and
 * deployed with them: facts in, the outputs expected. Every deployment of a table runs the cases that travel with it,
 * or, when it brings none (Camunda Modeler's Deploy of the table alone), the cases deployed last for that file; a
 * case that fails refuses the deployment, named.
 * <p>
 * An expected output is a value ({@code "eligible": true}) or a comparison ({@code "score": {"above": 40}}), whose
 * bound may be another case's name: its same output ({@code {"above": "a fresh lead"}}).
 */
@Component
public class RuleCases {

    static final String SUFFIX = ".cases.json";
    private static final Set<String> COMPARISONS = Set.of("above", "below", "atLeast", "atMost");
    private static final int MAX_CASES = 500;

    public record Case(String name, String decision, Map<String, Object> facts, Map<String, Object> expect) {
    }

    private static final TypeReference<List<Case>> CASES = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final ObjectProvider<RepositoryService> repository;
    private final DmnEngine engine = Tables.engine();

    RuleCases(ObjectMapper json, ObjectProvider<RepositoryService> repository) {
        this.json = json;
        this.repository = repository;
    }

    /** The engine's repository: the deploying engine's own while it deploys (it may be starting up). */
    private RepositoryService repository() {
        return Context.getCommandContext() != null ? Context.getProcessEngineConfiguration().getRepositoryService()
                : repository.getObject();
    }

    /** The cases file that goes with a table file: {@code rules/lead-rules.dmn} -> {@code lead-rules.cases.json}. */
    public static String casesFileOf(String tableResource) {
        return baseName(tableResource).replaceFirst("(\\.dmn11\\.xml|\\.dmn\\.xml|\\.dmn)$", "") + SUFFIX;
    }

    static String baseName(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    static boolean isCasesFile(String resource) {
        return resource != null && resource.endsWith(SUFFIX);
    }

    /** A cases file; a 400 naming what is wrong with it. */
    public List<Case> read(byte[] file) {
        List<Case> cases;
        try {
            cases = json.readValue(file, CASES);
        } catch (IOException e) {
            throw DialerException.badRequest("the cases are no JSON list of {name, decision, facts, expect}: "
                    + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage()));
        }
        if (cases == null || cases.size() > MAX_CASES) {
            throw DialerException.badRequest("the cases must be a list of at most " + MAX_CASES);
        }
        Set<String> names = new java.util.HashSet<>();
        for (Case c : cases) {
            if (c == null || c.name() == null || c.name().isBlank() || c.name().length() > 200) {
                throw DialerException.badRequest("every case needs a name of at most 200 characters");
            }
            if (!names.add(c.name())) {
                throw DialerException.badRequest("two cases are named '" + c.name() + "'");
            }
            if (c.decision() == null || c.decision().isBlank()) {
                throw DialerException.badRequest("case '" + c.name() + "' names no decision");
            }
            if (c.expect() == null || c.expect().isEmpty()) {
                throw DialerException.badRequest("case '" + c.name() + "' expects nothing");
            }
        }
        return cases;
    }

    public byte[] write(List<Case> cases) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(cases);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The cases deployed last with {@code casesFile}, whoever deployed them; none before the first. Read without the
     * deploying user's authorizations: an analyst who may not read every deployment is still held to the cases.
     */
    public List<Case> inForce(String casesFile) {
        CommandContext command = Context.getCommandContext();
        Supplier<List<Case>> find = () -> newestDeployed(casesFile, null).map(this::read).orElse(List.of());
        return command == null ? find.get() : command.runWithoutAuthorization(find::get);
    }

    /** The newest deployed version of a cases file, deployed no later than {@code notAfter} (null: any time). */
    Optional<byte[]> newestDeployed(String casesFile, Date notAfter) {
        RepositoryService repository = repository();
        for (Deployment deployment : repository.createDeploymentQuery().orderByDeploymentTime().desc().list()) {
            if (notAfter != null && deployment.getDeploymentTime().after(notAfter)) {
                continue;
            }
            for (String resource : repository.getDeploymentResourceNames(deployment.getId())) {
                if (baseName(resource).equals(casesFile)) {
                    return Optional.of(resource(repository, deployment.getId(), resource));
                }
            }
        }
        return Optional.empty();
    }

    /** A deployed file's bytes. */
    static byte[] resource(RepositoryService repository, String deploymentId, String resource) {
        try (InputStream file = repository.getResourceAsStream(deploymentId, resource)) {
            return file.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each case of a decision the model holds that the model fails, named with what it expected and got. */
    public List<TableCheck.Refusal> failures(DmnModelInstance model, List<Case> cases) {
        Set<String> decisions = model.getModelElementsByType(Decision.class).stream().map(Decision::getId)
                .collect(Collectors.toSet());
        Set<String> inputs = Tables.inputNames(model);
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        List<TableCheck.Refusal> failures = new ArrayList<>();
        for (Case c : cases) {
            if (!decisions.contains(c.decision())) {
                continue;
            }
            try {
                outputs.put(c.name(), evaluate(model, c, inputs));
            } catch (RuntimeException e) {
                failures.add(new TableCheck.Refusal(c.decision(), c.name(), "the case cannot be evaluated: "
                        + e.getMessage()));
            }
        }
        for (Case c : cases) {
            Map<String, Object> got = outputs.get(c.name());
            if (got == null) {
                continue;
            }
            c.expect().forEach((output, expected) -> {
                String wrong = mismatch(got.get(output), expected, output, outputs);
                if (wrong != null) {
                    failures.add(new TableCheck.Refusal(c.decision(), c.name(), "case fails: " + output + " "
                            + wrong));
                }
            });
        }
        return failures;
    }

    /** One case's outputs; facts the case does not give are null, as the dialer gives a column a lead lacks. */
    public Map<String, Object> evaluate(DmnModelInstance model, Case c, Set<String> inputs) {
        Map<String, Object> facts = new HashMap<>(c.facts() == null ? Map.of() : c.facts());
        inputs.forEach(name -> facts.putIfAbsent(name, null));
        DmnDecisionResult result = engine.evaluateDecision(c.decision(), model, facts);
        return result.isEmpty() ? Map.of() : new HashMap<>(result.getFirstResult().getEntryMap());
    }

    private static String mismatch(Object actual, Object expected, String output,
                                   Map<String, Map<String, Object>> outputs) {
        if (expected instanceof Map<?, ?> comparison) {
            for (Map.Entry<?, ?> bound : comparison.entrySet()) {
                String operator = String.valueOf(bound.getKey());
                if (!COMPARISONS.contains(operator)) {
                    return "has an unknown comparison '" + operator + "' (above, below, atLeast or atMost)";
                }
                Object limit = bound.getValue();
                if (limit instanceof String otherCase) {
                    Map<String, Object> other = outputs.get(otherCase);
                    if (other == null) {
                        return "is compared with case '" + otherCase + "', which is not evaluated by this file";
                    }
                    limit = other.get(output);
                }
                if (!(actual instanceof Number number) || !(limit instanceof Number bound2)) {
                    return "is " + actual + ", not a number " + operator + " " + limit;
                }
                double a = number.doubleValue();
                double b = bound2.doubleValue();
                boolean holds = switch (operator) {
                    case "above" -> a > b;
                    case "below" -> a < b;
                    case "atLeast" -> a >= b;
                    default -> a <= b;
                };
                if (!holds) {
                    return "is " + actual + ", expected " + operator + " " + limit;
                }
            }
            return null;
        }
        boolean same = actual instanceof Number a && expected instanceof Number e
                ? Double.compare(a.doubleValue(), e.doubleValue()) == 0 : Objects.equals(actual, expected);
        return same ? null : "is " + actual + ", expected " + expected;
    }
}
