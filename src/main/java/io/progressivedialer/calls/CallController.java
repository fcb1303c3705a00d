package io.progressivedialer.calls;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.SpreadsheetSafe;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
class CallController {

    private final CallRecordRepository calls;
    private final AgentDispositions dispositions;

    private final int maxExportRows;

    CallController(CallRecordRepository calls, AgentDispositions dispositions,
                   @Value("${dialer.export.max-rows:100000}") int maxExportRows) {
        this.calls = calls;
        this.maxExportRows = maxExportRows;
        this.dispositions = dispositions;
    }

    @GetMapping("/api/calls")
    List<CallRecord> list(@RequestParam(required = false) String session,
                          @RequestParam(required = false) Long lead,
                          @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        return calls.list(session, lead, limit);
    }

    static final String[] CSV_COLUMNS = {"id", "session", "lead", "number", "status", "callType",
            "dialCallDuration", "conversationSeconds", "recordingUrl", "causeCode", "cause", "leadStatus",
            "countsAsContact", "agentOutcome", "notes", "dialledAt", "answeredAt", "outcomeAt"};

    /**
     * The call records as CSV, for spreadsheets and the CRM: streamed as they are read, at most
     * {@code dialer.export.max-rows} of them.
     */
    @GetMapping(path = "/api/calls.csv", produces = "text/csv")
    void exportCsv(@RequestParam(required = false) String session, @RequestParam(required = false) Long lead,
                   @RequestParam(required = false) @Min(1) Integer limit,
                   HttpServletResponse response) throws IOException {
        if (limit != null && limit > maxExportRows) {
            throw DialerException.badRequest("limit is at most " + maxExportRows + " rows (dialer.export.max-rows)");
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"calls.csv\"");
        try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS).build()
                .print(response.getWriter())) {
            calls.forEach(session, lead, limit == null ? maxExportRows : limit, c -> print(csv, c));
        }
    }

    private static void print(CSVPrinter csv, CallRecord c) {
        try {
            // text that came from Exotel or an agent could be read as a formula by a spreadsheet
            csv.printRecord(c.id(), c.sessionId(), c.leadId(), SpreadsheetSafe.cell(c.number()), c.status(),
                    SpreadsheetSafe.cell(c.callType()), c.dialCallDuration(), c.conversationSeconds(),
                    SpreadsheetSafe.cell(c.recordingUrl()), SpreadsheetSafe.cell(c.causeCode()),
                    SpreadsheetSafe.cell(c.cause()), c.leadStatus(), c.countsAsContact(), c.agentOutcome(),
                    SpreadsheetSafe.cell(c.notes()), c.dialledAt(), c.answeredAt(), c.outcomeAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Disposition(@NotNull AgentOutcome outcome, @Size(max = 2000) String notes,
                       @Schema(description = "when to call back, with its offset", example = "2026-11-27T10:30:00+05:30")
                       OffsetDateTime callbackAt,
                       @Schema(description = "or: when to call back on the customer's own clock, in the lead's time "
                               + "zone (what the desk sends)", example = "2026-11-27T10:30")
                       LocalDateTime callbackLocalTime) {
    }

    /** The agent's (or the CRM's) outcome, notes and callback time for a finished call. */
    @PostMapping("/api/calls/{id}/disposition")
    @PreAuthorize("@access.ownsCall(#id, authentication)")
    CallRecord dispose(@PathVariable long id, @Valid @RequestBody Disposition disposition) {
        return dispositions.dispose(id, disposition.outcome(), disposition.notes(),
                disposition.callbackAt() == null ? null : disposition.callbackAt().toInstant(),
                disposition.callbackLocalTime());
    }
}
