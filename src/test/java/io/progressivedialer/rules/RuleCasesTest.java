package io.progressivedialer.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.common.DialerException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * The test cases kept beside the tables in dmn/ pass against those tables (the test command runs every one), and a
 * table that breaks a case is named by it.
 */
class RuleCasesTest {

    private final RuleCases cases = new RuleCases(new ObjectMapper(), null);

    private static DmnModelInstance model(String xml) {
        return Dmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String shipped(String file) throws IOException {
        return Files.readString(Path.of("dmn", file));
    }

    private List<RuleCases.Case> shippedCases() throws IOException {
        return cases.read(Files.readAllBytes(Path.of("dmn", "lead-rules.cases.json")));
    }

    @Test
    void everyCaseBesideATablePassesAgainstIt() throws IOException {
        int tables = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("dmn"), "*.cases.json")) {
            for (Path file : files) {
                Path table = file.resolveSibling(file.getFileName().toString().replace(RuleCases.SUFFIX, ".dmn"));
                List<RuleCases.Case> own = cases.read(Files.readAllBytes(file));
                assertThat(own).as(file.toString()).isNotEmpty();
                assertThat(cases.failures(model(Files.readString(table)), own)).as(file.toString()).isEmpty();
                tables++;
            }
        }
        assertThat(tables).isPositive();
    }

    @Test
    void aTableThatBreaksACaseIsNamedByIt() throws IOException {
        String callbacksLast = shipped("lead-rules.dmn").replace("<text>1000</text>", "<text>-1000</text>");

        List<TableCheck.Refusal> failures = cases.failures(model(callbacksLast), shippedCases());

        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.elementId()).isEqualTo("lead-selection");
            assertThat(failure.expression()).isEqualTo(
                    "a promised callback is dialled whatever the attempts, before a fresh lead");
            assertThat(failure.reason()).contains("score", "expected above");
        });
    }

    @Test
    void aMisspeltStatusOrDelayBreaksTheDispositionCases() throws IOException {
        String busyInAnHour = shipped("lead-rules.dmn").replace("<text>30</text>", "<text>60</text>");

        assertThat(cases.failures(model(busyInAnHour), shippedCases())).singleElement()
                .extracting(TableCheck.Refusal::reason).asString()
                .contains("retryAfterMinutes is 60", "expected 30");
    }

    @Test
    void casesOfDecisionsTheFileDoesNotHoldAreNotRun() throws IOException {
        assertThat(cases.failures(model(shipped("continue-dialing.dmn")), shippedCases())).isEmpty();
    }

    @Test
    void aCaseFileMustNameAndExpect() {
        assertThatThrownBy(() -> cases.read("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DialerException.class).hasMessageContaining("JSON list");
        assertThatThrownBy(() -> cases.read("""
                [{"name":"no expectation","decision":"lead-selection","facts":{}}]""".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DialerException.class).hasMessageContaining("expects nothing");
        assertThatThrownBy(() -> cases.read("""
                [{"name":"a","decision":"lead-selection","expect":{"eligible":true}},
                 {"name":"a","decision":"lead-selection","expect":{"eligible":true}}]"""
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DialerException.class).hasMessageContaining("two cases are named 'a'");
    }

    @Test
    void anUnknownComparisonIsAFailureNotAPass() throws IOException {
        List<RuleCases.Case> odd = cases.read("""
                [{"name":"odd","decision":"lead-selection","facts":{"withinCallWindow":true,"priority":1,
                  "attempts":0,"attemptsToday":0},"expect":{"score":{"roughly":10}}}]"""
                .getBytes(StandardCharsets.UTF_8));

        assertThat(cases.failures(model(shipped("lead-rules.dmn")), odd)).singleElement()
                .extracting(TableCheck.Refusal::reason).asString().contains("unknown comparison 'roughly'");
    }
}
