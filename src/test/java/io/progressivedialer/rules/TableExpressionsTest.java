package io.progressivedialer.rules;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables may read their facts, compare and compute; nothing in them may reach a Java class or a script. */
class TableExpressionsTest {

    /** A one-rule table: {@code input} read, tested by {@code test}, answering {@code output}. */
    private static DmnModelInstance table(String input, String test, String output, String languages) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="t" name="t"
                             namespace="http://camunda.org/schema/1.0/dmn">
                  <decision id="lead-selection" name="Lead selection">
                    <decisionTable id="table" hitPolicy="FIRST">
                      <input id="in"><inputExpression id="in-expr" typeRef="integer" %s><text>%s</text></inputExpression></input>
                      <output id="out" name="score" typeRef="double" />
                      <rule id="rule">
                        <inputEntry id="rule-in" %s><text>%s</text></inputEntry>
                        <outputEntry id="rule-out" %s><text>%s</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(languages, escape(input), "", escape(test), "", escape(output));
        return Dmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<TableCheck.Refusal> check(String input, String test, String output) {
        return TableExpressions.check(table(input, test, output, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"priority * 10", "leadScore", "(priority + attempts) / 2 - 1", "callbackDue ? 1000 : 0",
            "${priority * -10}", "\"a text\"", "empty segment ? 0 : 5", "null"})
    void anOutputThatComputesWithFactsIsAccepted(String output) {
        assertThat(check("priority", "-", output)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "< 5", "[1..5]", "]1..5[", "not(3, 4)", "\"vip\",\"gold\"", "true",
            "date and time(\"2026-01-01T09:00:00\")", ">= priority"})
    void aRuleCellOfFeelUnaryTestsIsAccepted(String test) {
        assertThat(check("priority", test, "1")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${''.getClass().getName().length()}", "''.getClass().forName('java.lang.Runtime')",
            "segment.length()", "segment.class", "segment['class']", "fn:exec('id')", "${x.toString()}"})
    void anOutputThatCallsAMethodOrReadsAPropertyIsRefusedNamingTheCell(String output) {
        List<TableCheck.Refusal> refusals = check("priority", "-", output);

        assertThat(refusals).singleElement().satisfies(refusal -> {
            assertThat(refusal.elementId()).isEqualTo("rule-out");
            assertThat(refusal.expression()).isEqualTo(output);
            assertThat(refusal.reason()).containsAnyOf("method", "property", "function");
        });
    }

    @Test
    void aRuleCellThatSmugglesAMethodCallThroughFeelIsRefused() {
        // the engine's FEEL translation copies an endpoint it does not know as it is: cellInput == x.getClass()
        assertThat(check("priority", "''.getClass().getName().length()", "1"))
                .singleElement().extracting(TableCheck.Refusal::elementId).isEqualTo("rule-in");
        assertThat(check("priority", "< segment.class.name", "1"))
                .singleElement().extracting(TableCheck.Refusal::elementId).isEqualTo("rule-in");
    }

    @Test
    void anInputExpressionThatCallsAMethodIsRefused() {
        assertThat(check("segment.toUpperCase()", "-", "1"))
                .singleElement().extracting(TableCheck.Refusal::elementId).isEqualTo("in-expr");
    }

    @Test
    void aScriptLanguageIsRefusedWhereverItIsChosen() {
        List<TableCheck.Refusal> onTheInput = TableExpressions.check(table("java.lang.System.exit(1)", "-", "1",
                "expressionLanguage=\"javascript\""));
        assertThat(onTheInput).singleElement().satisfies(refusal -> {
            assertThat(refusal.elementId()).isEqualTo("in-expr");
            assertThat(refusal.reason()).contains("'javascript'");
        });

        String wholeFile = """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="t" name="t"
                             namespace="http://camunda.org/schema/1.0/dmn" expressionLanguage="groovy">
                  <decision id="d" name="d"><literalExpression id="lit"><text>1 + 1</text></literalExpression></decision>
                </definitions>""";
        assertThat(TableExpressions.check(Dmn.readModelFromStream(
                new ByteArrayInputStream(wholeFile.getBytes(StandardCharsets.UTF_8)))))
                .singleElement().extracting(TableCheck.Refusal::reason).asString().contains("'groovy'");
    }

    @Test
    void theShippedTablesPass() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("dmn"))) {
            List<Path> tables = files.filter(file -> file.toString().endsWith(".dmn")).toList();
            assertThat(tables).isNotEmpty();
            for (Path file : tables) {
                try (var in = Files.newInputStream(file)) {
                    assertThat(TableExpressions.check(Dmn.readModelFromStream(in))).as(file.toString()).isEmpty();
                }
            }
        }
    }
}
