package io.progressivedialer.rules;

import io.progressivedialer.lead.ColumnNames;
import io.progressivedialer.common.DialerException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionLogicEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * The analysts' {@code lead-selection} table, as deployed or as uploaded for a preview, evaluated with the rules that
 * matched. A deployed version is parsed once (binding {@code latest}, as {@link LatestDecisions} knows it), and
 * evaluated in process by Camunda's DMN engine configured as the process engine's, so that each call
 * record can say which rules chose its lead.
 */
@Component
public class LeadRules {

    public static final String DECISION = "lead-selection";

    /**
     * A parsed lead-selection table, its version ({@code 0}: uploaded, not deployed), its rules' descriptions and the
     * names its input expressions read.
     */
    public record Table(String decisionKey, int version, DmnDecision decision, Map<String, String> descriptions,
                       Map<String, String> inputTypes) {

        public Set<String> inputs() {
            return inputTypes.keySet();
        }
    }

    /**
     * The table's answer for one lead, the descriptions of the rules that matched, the deciding rule first, and each
     * imported column the table reads as a number, date or boolean that could not be read so (given as null).
     */
    public record Verdict(boolean eligible, double score, List<String> rules, List<String> unconverted) {

        public Verdict(boolean eligible, double score, List<String> rules) {
            this(eligible, score, rules, List.of());
        }
    }

    private static final ThreadLocal<DmnDecisionEvaluationEvent> LAST_EVALUATION = new ThreadLocal<>();

    private final RepositoryService repository;
    private final LatestDecisions latestDecisions;
    private final TableDeploymentCheck tableChecks;
    private final DmnEngine engine;
    private final ConcurrentMap<String, Table> deployed = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<String>> inputsByDefinition = new ConcurrentHashMap<>();

    public LeadRules(RepositoryService repository, LatestDecisions latestDecisions, TableDeploymentCheck tableChecks) {
        this.repository = repository;
        this.tableChecks = tableChecks;
        this.latestDecisions = latestDecisions;
        DmnDecisionEvaluationListener remember = LAST_EVALUATION::set;
        this.engine = Tables.engine(remember);
    }

    /** The latest deployed version. */
    public Table deployed() {
        LatestDecisions.Latest latest = latestDecisions.latest(DECISION);
        if (latest == null) {
            throw new IllegalStateException("no " + DECISION + " decision is deployed");
        }
        return deployed.computeIfAbsent(latest.id(), id -> parse(model(id), latest.version()));
    }

    private DmnModelInstance model(String definitionId) {
        try (InputStream xml = repository.getDecisionModel(definitionId)) {
            return Dmn.readModelFromStream(xml);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The names the latest deployed version of a decision (with the decisions it requires) reads in its input
     * expressions: a fact the dialer does not know, such as a column some leads lack, is given to it as null.
     */
    public Set<String> inputsOf(String decisionKey) {
        LatestDecisions.Latest latest = latestDecisions.latest(decisionKey);
        if (latest == null) {
            return Set.of();
        }
        return inputsByDefinition.computeIfAbsent(latest.id(), id -> Tables.inputNames(model(id)));
    }

    /**
     * The names a decision reads that are not the dialer's own facts or the session's variables: the imported
     * columns it expects, each to be given (null when a lead lacks it) so that its evaluation does not fail.
     */
    public Set<String> columnsReadBy(String decisionKey) {
        return inputsOf(decisionKey).stream().filter(name -> !ColumnNames.RESERVED.contains(name))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The latest deployed version, which changes with every deployment of the table; null before the first. */
    public Integer deployedVersion() {
        LatestDecisions.Latest latest = latestDecisions.latest(DECISION);
        return latest == null ? null : latest.version();
    }

    /** A table as Camunda Modeler saves it; a 400 with the engine's message when it is no usable lead-selection. */
    public Table parse(byte[] dmnXml) {
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(dmnXml));
        } catch (RuntimeException e) {
            throw DialerException.badRequest("not a usable " + DECISION + " table: " + e.getMessage());
        }
        List<TableCheck.Refusal> refusals = tableChecks.refusals(model);
        if (!refusals.isEmpty()) {
            throw DialerException.badRequest(DECISION + " table refused: " + TableCheck.describe(refusals));
        }
        try {
            return parse(model, 0);
        } catch (RuntimeException e) {
            throw DialerException.badRequest("not a usable " + DECISION + " table: " + e.getMessage());
        }
    }

    private Table parse(DmnModelInstance model, int version) {
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (Rule rule : model.getModelElementsByType(Rule.class)) {
            descriptions.put(rule.getId(), rule.getDescription() == null ? rule.getId()
                    : rule.getDescription().getTextContent().strip());
        }
        return new Table(DECISION, version, engine.parseDecision(DECISION, model), descriptions,
                Tables.inputTypes(model));
    }

    public Verdict evaluate(Table table, Map<String, Object> facts) {
        Map<String, Object> complete = new HashMap<>(facts);
        List<String> unconverted = new ArrayList<>();
        table.inputTypes().forEach((name, type) -> {
            if (complete.get(name) instanceof String text && !ColumnNames.RESERVED.contains(name)) {
                try {
                    complete.put(name, text.isBlank() ? null : Tables.convert(text, type));
                } catch (IllegalArgumentException e) {
                    complete.put(name, null);
                    unconverted.add("column " + name + ": " + e.getMessage());
                }
            }
            complete.putIfAbsent(name, null);
        });
        DmnDecisionResultEntries result;
        DmnDecisionEvaluationEvent evaluation;
        try {
            result = engine.evaluateDecision(table.decision(), complete).getSingleResult();
            evaluation = LAST_EVALUATION.get();
        } finally {
            LAST_EVALUATION.remove();
        }
        Boolean eligible = result == null ? null : result.getEntry("eligible");
        Number score = result == null ? null : result.getEntry("score");
        return new Verdict(Boolean.TRUE.equals(eligible), score == null ? 0 : score.doubleValue(),
                matchedRules(table, evaluation), unconverted);
    }

    private static List<String> matchedRules(Table table, DmnDecisionEvaluationEvent evaluation) {
        List<String> rules = new ArrayList<>();
        if (evaluation == null) {
            return rules;
        }
        addMatched(table, evaluation.getDecisionResult(), rules);
        evaluation.getRequiredDecisionResults().forEach(required -> addMatched(table, required, rules));
        return rules;
    }

    private static void addMatched(Table table, DmnDecisionLogicEvaluationEvent event, List<String> rules) {
        if (event instanceof DmnDecisionTableEvaluationEvent tableEvent) {
            for (DmnEvaluatedDecisionRule rule : tableEvent.getMatchingRules()) {
                rules.add(table.descriptions().getOrDefault(rule.getId(), rule.getId()));
            }
        }
    }
}
