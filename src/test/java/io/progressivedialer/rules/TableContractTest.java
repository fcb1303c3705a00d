package io.progressivedialer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.api.Test;

/** The outputs the dialer reads are there, of their types, and a disposition writes only lead statuses it knows. */
class TableContractTest {

    private final TableContract contract = new TableContract();

    private static String shipped(String file) throws IOException {
        return Files.readString(Path.of("dmn", file));
    }

    private List<TableCheck.Refusal> check(String xml) {
        return contract.check(Dmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theShippedTablesKeepTheContract() throws IOException {
        assertThat(check(shipped("lead-rules.dmn"))).isEmpty();
        assertThat(check(shipped("continue-dialing.dmn"))).isEmpty();
    }

    @Test
    void aLeadSelectionWithoutItsEligibleOutputIsRefused() throws IOException {
        List<TableCheck.Refusal> refusals = check(shipped("lead-rules.dmn")
                .replace("name=\"eligible\"", "name=\"dialable\""));

        assertThat(refusals).singleElement().satisfies(refusal -> {
            assertThat(refusal.elementId()).isEqualTo("lead-selection");
            assertThat(refusal.reason()).contains("lacks the output 'eligible'", "boolean");
        });
    }

    @Test
    void aScoreThatIsNoNumberIsRefused() throws IOException {
        assertThat(check(shipped("lead-rules.dmn").replace(
                "name=\"score\" typeRef=\"double\"", "name=\"score\" typeRef=\"string\"")))
                .singleElement().extracting(TableCheck.Refusal::elementId).isEqualTo("lead-selection-out-1");
    }

    @Test
    void aMisspeltLeadStatusIsRefusedNamingItsCell() throws IOException {
        List<TableCheck.Refusal> refusals = check(shipped("lead-rules.dmn")
                .replaceFirst("<text>\"CONTACTED\"</text>", "<text>\"CONTACTD\"</text>"));

        assertThat(refusals).singleElement().satisfies(refusal -> {
            assertThat(refusal.elementId()).startsWith("call-disposition-rule-");
            assertThat(refusal.expression()).isEqualTo("\"CONTACTD\"");
            assertThat(refusal.reason()).contains("CONTACTED", "RETRY");
        });
    }

    @Test
    void aRequiredDecisionTheFileDoesNotHoldIsRefused() throws IOException {
        assertThat(check(shipped("lead-rules.dmn").replaceFirst("href=\"#attempt-limits\"", "href=\"#limits\"")))
                .extracting(TableCheck.Refusal::expression).contains("limits");
    }

    @Test
    void theDispositionsOutputsAreCheckedToo() throws IOException {
        assertThat(check(shipped("lead-rules.dmn").replace("name=\"countsAsContact\"", "name=\"contact\"")))
                .extracting(TableCheck.Refusal::reason).anySatisfy(reason ->
                        assertThat(reason).contains("'countsAsContact'"));
        assertThat(check(shipped("continue-dialing.dmn").replace("name=\"continue\"", "name=\"go\"")))
                .extracting(TableCheck.Refusal::elementId).containsExactly("continue-dialing");
    }
}
