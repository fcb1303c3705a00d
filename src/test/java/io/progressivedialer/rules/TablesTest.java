package io.progressivedialer.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.api.Test;

/** An imported column's text as the type a table's input declares, and the inputs that read no known name. */
class TablesTest {

    @Test
    void columnsAreReadAsTheInputDeclares() {
        assertThat(Tables.convert("1,50,000", "integer")).isEqualTo(150000);
        assertThat(Tables.convert(" 2.5 ", "double")).isEqualTo(2.5);
        assertThat(Tables.convert("Yes", "boolean")).isEqualTo(true);
        assertThat(Tables.convert("0", "boolean")).isEqualTo(false);
        assertThat(Tables.convert("2026-12-02", "date")).isEqualTo(
                Date.from(LocalDate.of(2026, 12, 2).atStartOfDay(ZoneId.systemDefault()).toInstant()));
        assertThat(Tables.convert("Pune", "string")).isEqualTo("Pune");
    }

    @Test
    void aTextThatIsNotOfTheTypeSaysSo() {
        assertThatThrownBy(() -> Tables.convert("five lakh", "integer")).hasMessage("'five lakh' is not an integer");
        assertThatThrownBy(() -> Tables.convert("2.5", "integer")).hasMessage("'2.5' is not an integer");
        assertThatThrownBy(() -> Tables.convert("maybe", "boolean")).hasMessage("'maybe' is not a boolean");
        assertThatThrownBy(() -> Tables.convert("02/12/2026", "date")).hasMessage("'02/12/2026' is not a date");
    }

    @Test
    void anInputReadingNoKnownNameIsWarnedOf() throws IOException {
        String misspelt = Files.readString(Path.of("dmn", "lead-rules.dmn"))
                .replace("<text>segment</text>", "<text>segmnt</text>");
        var model = Dmn.readModelFromStream(new ByteArrayInputStream(misspelt.getBytes(StandardCharsets.UTF_8)));
        Set<String> known = Set.of("withinCallWindow", "priority", "attempts", "attemptsToday", "callbackDue",
                "ownLead", "segment", "dialCallStatus", "callType", "conversationSeconds", "causeCode",
                "hasAlternateNumber");

        assertThat(Tables.unknownInputs(model, known)).singleElement().asString()
                .startsWith("lead-score reads 'segmnt'");
    }
}
