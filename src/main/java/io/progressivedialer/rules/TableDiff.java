package io.progressivedialer.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;

/**
 * What changed in a decision table between two versions, rule by rule as Camunda Modeler keeps them (a rule keeps its
 * id while it is edited): the rules added, removed, and changed, each with its description and its cells.
 */
public final class TableDiff {

    public record RuleText(String id, String description, List<String> cells) {

        @Override
        public String toString() {
            return description + " [" + String.join(" | ", cells) + "]";
        }
    }

    public record Changed(RuleText before, RuleText after) {
    }

    public record Changes(String decision, int from, int to, List<RuleText> added, List<RuleText> removed,
                         List<Changed> changed) {
    }

    private TableDiff() {
    }

    public static Changes between(String decision, int from, DmnModelInstance before, int to,
                                  DmnModelInstance after) {
        Map<String, RuleText> old = rules(before, decision);
        Map<String, RuleText> now = rules(after, decision);
        List<RuleText> added = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        now.forEach((id, rule) -> {
            RuleText was = old.get(id);
            if (was == null) {
                added.add(rule);
            } else if (!was.equals(rule)) {
                changed.add(new Changed(was, rule));
            }
        });
        List<RuleText> removed = old.values().stream().filter(rule -> !now.containsKey(rule.id())).toList();
        return new Changes(decision, from, to, added, removed, changed);
    }

    private static Map<String, RuleText> rules(DmnModelInstance model, String decisionKey) {
        Map<String, RuleText> rules = new LinkedHashMap<>();
        Decision decision = model.getModelElementById(decisionKey);
        if (decision != null && decision.getExpression() instanceof DecisionTable table) {
            for (Rule rule : table.getRules()) {
                List<String> cells = new ArrayList<>();
                rule.getInputEntries().forEach(entry -> cells.add(text(entry)));
                rule.getOutputEntries().forEach(entry -> cells.add(text(entry)));
                String description = rule.getDescription() == null ? rule.getId()
                        : rule.getDescription().getTextContent().strip();
                rules.put(rule.getId(), new RuleText(rule.getId(), description, cells));
            }
        }
        return rules;
    }

    private static String text(UnaryTests entry) {
        return entry.getText() == null ? "" : entry.getText().getTextContent().strip();
    }

    private static String text(LiteralExpression entry) {
        return entry.getText() == null ? "" : entry.getText().getTextContent().strip();
    }
}
