package io.progressivedialer.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.Output;

/** What the dialer reads of any file of decision tables, and the DMN engine it evaluates them with outside a process. */
public final class Tables {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Tables() {
    }

    /** Camunda's DMN engine with the process engine's cell and expression languages (dmn-feel-enable-legacy-behavior). */
    public static DmnEngine engine(DmnDecisionEvaluationListener... listeners) {
        return ((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
                .enableFeelLegacyBehavior(true)
                .customPostDecisionEvaluationListeners(List.of(listeners))
                .buildEngine();
    }

    /** The names the file's input expressions read, where an expression is a plain name. */
    public static Set<String> inputNames(DmnModelInstance model) {
        return Set.copyOf(inputTypes(model).keySet());
    }

    /** Each name an input expression reads, with the type its input declares ({@code ""} when none). */
    public static Map<String, String> inputTypes(DmnModelInstance model) {
        Map<String, String> types = new HashMap<>();
        for (InputExpression input : model.getModelElementsByType(InputExpression.class)) {
            String text = input.getText() == null ? "" : input.getText().getTextContent().strip();
            if (IDENTIFIER.matcher(text).matches()) {
                types.merge(text, input.getTypeRef() == null ? "" : input.getTypeRef(),
                        (one, other) -> one.isEmpty() ? other : one);
            }
        }
        return Map.copyOf(types);
    }

    /**
     * An imported column's text as the type a table's input declares: numbers ({@code 150000}, {@code 1,50,000},
     * {@code 2.5}), booleans ({@code true}/{@code false}, {@code yes}/{@code no}, {@code 1}/{@code 0}) and dates
     * ({@code 2026-12-02}, {@code 2026-12-02T10:30:00}); any other type as it is. An {@link IllegalArgumentException}
     * says why a text cannot be converted.
     */
    public static Object convert(String text, String typeRef) {
        String value = text.strip();
        try {
            return switch (typeRef == null ? "" : typeRef) {
                case "integer" -> new BigDecimal(value.replace(",", "")).intValueExact();
                case "long" -> new BigDecimal(value.replace(",", "")).longValueExact();
                case "double", "number" -> new BigDecimal(value.replace(",", "")).doubleValue();
                case "boolean" -> bool(value);
                case "date" -> Date.from((value.contains("T") ? LocalDateTime.parse(value)
                        : LocalDate.parse(value).atStartOfDay()).atZone(ZoneId.systemDefault()).toInstant());
                default -> text;
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + ("integer".equals(typeRef) ? "an " : "a ")
                    + typeRef);
        }
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new NumberFormatException(value);
        };
    }

    /**
     * Each input that reads a name no fact, session variable, lead column ({@code known}) or decision of the file
     * gives: a warning, since the input is then always null (a misspelt column, or one no lead has yet).
     */
    static List<String> unknownInputs(DmnModelInstance model, Set<String> known) {
        Set<String> given = new HashSet<>(known);
        model.getModelElementsByType(Output.class).forEach(output -> given.add(output.getName()));
        model.getModelElementsByType(Decision.class).forEach(decision -> given.add(decision.getId()));
        List<String> warnings = new ArrayList<>();
        for (InputExpression input : model.getModelElementsByType(InputExpression.class)) {
            String text = input.getText() == null ? "" : input.getText().getTextContent().strip();
            if (IDENTIFIER.matcher(text).matches() && !given.contains(text)) {
                // input expression, in its input, in its table, in its decision
                Decision decision = (Decision) input.getParentElement().getParentElement().getParentElement();
                warnings.add(decision.getId() + " reads '" + text + "', which no fact, session variable or lead "
                        + "column gives: it is always null");
            }
        }
        return warnings;
    }
}
