package io.progressivedialer.rules;

import io.progressivedialer.lead.LeadStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InformationRequirement;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.RequiredDecisionReference;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * What the dialer reads of the decisions it evaluates, checked before any of them is deployed: each has the outputs
 * the dialer reads, of their types (a {@code lead-selection} without {@code eligible} would set every lead aside);
 * a lead status a {@code call-disposition} rule writes is one the dialer knows (a misspelt one would break every
 * outcome it decides); and every decision a decision requires is in the file.
 */
@Component
class TableContract implements TableCheck {

    private static final Set<String> BOOLEAN = Set.of("boolean");
    private static final Set<String> NUMBER = Set.of("double", "integer", "long", "number");
    private static final Set<String> STRING = Set.of("string");

    /** Per decision the dialer evaluates: the outputs it reads and the types each may have. */
    private static final Map<String, Map<String, Set<String>>> READ = Map.of(
            LeadRules.DECISION, Map.of("eligible", BOOLEAN, "score", NUMBER),
            "call-disposition", Map.of("leadStatus", STRING, "retryAfterMinutes", NUMBER,
                    "countsAsContact", BOOLEAN),
            "continue-dialing", Map.of("continue", BOOLEAN, "reason", STRING));

    /** The statuses a finished call may leave its lead in. */
    private static final Set<String> DISPOSABLE = EnumSet.complementOf(EnumSet.of(LeadStatus.NEW,
            LeadStatus.DIALLING)).stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());

    @Override
    public List<Refusal> check(DmnModelInstance model) {
        List<Refusal> refusals = new ArrayList<>();
        Set<String> decisions = model.getModelElementsByType(Decision.class).stream().map(Decision::getId)
                .collect(Collectors.toSet());
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            for (InformationRequirement requirement : decision.getInformationRequirements()) {
                for (String required : requiredIds(requirement)) {
                    if (!decisions.contains(required)) {
                        refusals.add(new Refusal(decision.getId(), required,
                                "requires a decision this file does not hold"));
                    }
                }
            }
            Map<String, Set<String>> read = READ.get(decision.getId());
            if (read != null) {
                checkOutputs(decision, read, refusals);
            }
        }
        return refusals;
    }

    /** The decisions a requirement names, as Modeler writes them: {@code href="#attempt-limits"}. */
    private static List<String> requiredIds(InformationRequirement requirement) {
        return requirement.getChildElementsByType(RequiredDecisionReference.class).stream()
                .map(reference -> reference.getHref() == null ? "" : reference.getHref().replaceFirst("^#", ""))
                .toList();
    }

    private static void checkOutputs(Decision decision, Map<String, Set<String>> read, List<Refusal> refusals) {
        if (!(decision.getExpression() instanceof DecisionTable table)) {
            refusals.add(new Refusal(decision.getId(), "decision logic", "must be a decision table"));
            return;
        }
        List<Output> outputs = new ArrayList<>(table.getOutputs());
        read.forEach((name, types) -> {
            Output output = outputs.stream().filter(candidate -> name.equals(candidate.getName())).findFirst()
                    .orElse(null);
            if (output == null) {
                refusals.add(new Refusal(decision.getId(), name, "lacks the output '" + name + "' ("
                        + String.join(" or ", types) + ") the dialer reads"));
            } else if (output.getTypeRef() != null && !types.contains(output.getTypeRef())) {
                refusals.add(new Refusal(output.getId(), name, "is of type " + output.getTypeRef()
                        + "; the dialer reads it as " + String.join(" or ", types)));
            }
        });
        if (decision.getId().equals("call-disposition")) {
            int column = indexOf(outputs, "leadStatus");
            if (column >= 0) {
                for (Rule rule : table.getRules()) {
                    List<OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
                    String text = column < entries.size() && entries.get(column).getText() != null
                            ? entries.get(column).getText().getTextContent().strip() : "";
                    String literal = text.matches("\"[^\"]*\"") ? text.substring(1, text.length() - 1) : null;
                    if (literal != null && !DISPOSABLE.contains(literal)) {
                        refusals.add(new Refusal(entries.get(column).getId(), text, "is no lead status a call may "
                                + "leave its lead in: " + String.join(", ", DISPOSABLE.stream().sorted().toList())));
                    }
                }
            }
        }
    }

    private static int indexOf(List<Output> outputs, String name) {
        for (int i = 0; i < outputs.size(); i++) {
            if (name.equals(outputs.get(i).getName())) {
                return i;
            }
        }
        return -1;
    }
}
