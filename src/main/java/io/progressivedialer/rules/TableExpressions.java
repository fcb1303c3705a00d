package io.progressivedialer.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.dmn.feel.impl.juel.el.FeelFunctionMapper;
import org.camunda.bpm.dmn.feel.impl.juel.transform.FeelToJuelTransformImpl;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DmnModelElementInstance;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.bpm.model.dmn.impl.DmnModelConstants;

/**
 * What the expressions of a decision table may do: read the facts they are given, compare and compute with them.
 * The engine evaluates input expressions and outputs as JUEL and cells as FEEL translated to JUEL, and JUEL reaches
 * any Java class through a method call or a property ({@code ''.getClass()}, {@code x.class}); a script language
 * runs anything. So every expression is parsed as the engine would run it, and a table with a method call, a
 * property, a function other than FEEL's own, or another expression language is refused, the cell named.
 */
public final class TableExpressions {

    private static final String JUEL = "juel";
    private static final Set<String> FEEL = Set.of("feel", DmnModelConstants.FEEL_NS, DmnModelConstants.FEEL12_NS,
            DmnModelConstants.FEEL13_NS, DmnModelConstants.FEEL14_NS, DmnModelConstants.FEEL15_NS);
    /** The only functions the engine's FEEL translation writes (FEEL's {@code date and time(...)}). */
    private static final Set<String> FEEL_FUNCTIONS = Set.of(FeelFunctionMapper.JUEL_DATE_AND_TIME_METHOD);
    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS);
    private static final FeelToJuelTransformImpl FEEL_TO_JUEL = new FeelToJuelTransformImpl();

    private TableExpressions() {
    }

    /** Every expression of the model that may not run, in document order; empty when all may. */
    public static List<TableCheck.Refusal> check(DmnModelInstance model) {
        String global = model.getDefinitions().getExpressionLanguage();
        List<TableCheck.Refusal> problems = new ArrayList<>();
        for (InputExpression input : model.getModelElementsByType(InputExpression.class)) {
            check(input, input.getExpressionLanguage(), global, JUEL, text(input.getText()), problems);
        }
        for (InputEntry entry : model.getModelElementsByType(InputEntry.class)) {
            check(entry, entry.getExpressionLanguage(), global, "feel", text(entry.getText()), problems);
        }
        for (OutputEntry entry : model.getModelElementsByType(OutputEntry.class)) {
            check(entry, entry.getExpressionLanguage(), global, JUEL, text(entry.getText()), problems);
        }
        for (LiteralExpression literal : model.getModelElementsByType(LiteralExpression.class)) {
            if (!(literal instanceof InputExpression) && !(literal instanceof OutputEntry)) {
                check(literal, literal.getExpressionLanguage(), global, JUEL, text(literal.getText()), problems);
            }
        }
        return problems;
    }

    private static String text(DmnModelElementInstance text) {
        return text == null ? "" : text.getTextContent().strip();
    }

    private static void check(DmnModelElementInstance element, String own, String global, String byDefault,
                              String text, List<TableCheck.Refusal> problems) {
        if (text.isEmpty()) {
            return;
        }
        String language = language(own, global, byDefault).toLowerCase(Locale.ROOT);
        String id = element.getAttributeValue("id");
        String reason;
        if (FEEL.contains(language) && element instanceof UnaryTests) {
            reason = feelTests(text);
        } else if (FEEL.contains(language)) {
            reason = "FEEL is read here only in a rule's input cells; write this as an expression (priority * 10)";
        } else if (JUEL.equals(language)) {
            reason = juel(text.startsWith("${") || text.startsWith("#{") ? text : "${" + text + "}");
        } else {
            reason = "chooses the expression language '" + language + "'; tables are written in FEEL and JUEL only";
        }
        if (reason != null) {
            problems.add(new TableCheck.Refusal(id, text, reason));
        }
    }

    /** As the engine chooses: the expression's own, else the table file's unless that is FEEL, else the default. */
    private static String language(String own, String global, String byDefault) {
        if (own != null && !own.isBlank()) {
            return own;
        }
        return global != null && !global.isBlank() && !FEEL.contains(global) ? global : byDefault;
    }

    /** A rule's cell: FEEL unary tests, checked as the JUEL the engine translates them to. */
    private static String feelTests(String unaryTests) {
        String asJuel;
        try {
            asJuel = FEEL_TO_JUEL.transformSimpleUnaryTests(unaryTests, "cellInput");
        } catch (RuntimeException e) {
            return "cannot be read as FEEL unary tests: " + e.getMessage();
        }
        return juel(asJuel);
    }

    /** Why a JUEL expression may not run, or null when it only reads names and computes. */
    private static String juel(String expression) {
        try {
            return refused(PARSER.build(expression).getRoot());
        } catch (TreeBuilderException e) {
            return "cannot be read: " + e.getMessage();
        }
    }

    private static String refused(Node node) {
        if (node instanceof AstMethod) {
            return "calls a method; a table may only read its facts, compare and compute";
        }
        if (node instanceof AstProperty) {
            return "reads a property of a value (a.b or a[b]); a table may only read its facts by name";
        }
        if (node instanceof AstFunction function && !FEEL_FUNCTIONS.contains(function.getName())) {
            return "calls the function " + function.getName() + "; a table may only read its facts, compare and compute";
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            String reason = refused(node.getChild(i));
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }
}
