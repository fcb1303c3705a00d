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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
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

    /** A call record as the API shows it: answered, recorded, chosen by lead-selection version 3. */
    static final String CALL = """
            {"id":1017,"sessionId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","leadId":42,
            "agentCallSid":"b6cfaf5fa7b3e5f3d4e3a4c2b1d0e9f8","number":"+919876543210","status":"completed",
            "callType":"completed","dialCallDuration":95,"conversationSeconds":82,
            "recordingUrl":"https://s3-ap-southeast-1.amazonaws.com/exotelrecordings/demo/b6cf.mp3",
            "causeCode":"NORMAL_CLEARING",
            "cause":"16","leadStatus":"CONTACTED","countsAsContact":true,"dialledAt":"2026-11-26T04:39:20Z",
            "answeredAt":"2026-11-26T04:39:33Z","outcomeAt":"2026-11-26T04:41:12Z","agentOutcome":"INTERESTED",
            "notes":"Wants the annual plan","selection":{"decision":"lead-selection","version":3,"score":10070.0,
            "rules":["otherwise dial, best score first","higher priority first"]},"agentId":"asha",
            "campaignId":"sales"}""";

    @Operation(summary = "List call records", description = "Each with its outcome, recording, the agent's "
            + "disposition and why its lead was chosen (selection). Oldest first, or newest first.")
    @ApiResponse(responseCode = "200", description = "the calls",
            content = @Content(examples = @ExampleObject(value = "[" + CALL + "]")))
    @ApiResponse(responseCode = "400", description = "a lead that is not a number, a limit outside 1 to 10000, or a "
            + "date range that is not one")
    @GetMapping("/api/calls")
    List<CallRecord> list(@Parameter(description = "only this session's")
                          @RequestParam(required = false) String session,
                          @Parameter(description = "only this lead's") @RequestParam(required = false) Long lead,
                          @Parameter(description = "only this agent's") @RequestParam(required = false) String agent,
                          @Parameter(description = "only this campaign's") @RequestParam(required = false)
                          String campaign,
                          @Parameter(description = "dialled at or after this instant", example = "2026-12-01T18:30:00Z")
                          @RequestParam(required = false) Instant from,
                          @Parameter(description = "dialled before this instant", example = "2026-12-02T18:30:00Z")
                          @RequestParam(required = false) Instant until,
                          @Parameter(description = "at most this many, 1 to 10000")
                          @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit,
                          @Parameter(description = "the newest first (the latest calls) rather than the oldest")
                          @RequestParam(defaultValue = "false") boolean newestFirst) {
        return calls.list(search(session, lead, agent, campaign, from, until), limit, newestFirst);
    }

    private static CallRecordRepository.CallSearch search(String session, Long lead, String agent, String campaign,
                                                          Instant from, Instant until) {
        if (from != null && until != null && !from.isBefore(until)) {
            throw DialerException.badRequest("from must be before until");
        }
        return new CallRecordRepository.CallSearch(session, lead, agent, campaign, from, until);
    }

    static final String[] CSV_COLUMNS = {"id", "session", "agent", "campaign", "lead", "number", "status", "callType",
            "dialCallDuration", "conversationSeconds", "recordingUrl", "causeCode", "cause", "leadStatus",
            "countsAsContact", "agentOutcome", "notes", "dialledAt", "answeredAt", "outcomeAt"};

    /**
     * The call records as CSV, for spreadsheets and the CRM: streamed as they are read, at most
     * {@code dialer.export.max-rows} of them.
     */
    @Operation(summary = "Export call records as CSV", description = "Streamed in the order dialled, at most "
            + "dialer.export.max-rows; text cells are made safe for spreadsheets.")
    @ApiResponse(responseCode = "200", description = "the calls, a row each",
            content = @Content(mediaType = "text/csv", examples = @ExampleObject(value = """
                    id,session,agent,campaign,lead,number,status,callType,dialCallDuration,conversationSeconds,\
                    recordingUrl,causeCode,cause,leadStatus,countsAsContact,agentOutcome,notes,dialledAt,answeredAt,outcomeAt
                    1017,7c9e6679-7425-40de-944b-e07fc1f90ae7,asha,sales,42,+919876543210,completed,completed,95,82,\
                    https://s3-ap-southeast-1.amazonaws.com/exotelrecordings/demo/b6cf.mp3,NORMAL_CLEARING,16,CONTACTED,\
                    true,INTERESTED,Wants the annual plan,2026-11-26T04:39:20Z,2026-11-26T04:39:33Z,2026-11-26T04:41:12Z
                    """)))
    @ApiResponse(responseCode = "400", description = "a lead that is not a number, or a limit above "
            + "dialer.export.max-rows")
    @GetMapping(path = "/api/calls.csv", produces = "text/csv")
    void exportCsv(@Parameter(description = "only this session's") @RequestParam(required = false) String session,
                   @Parameter(description = "only this lead's") @RequestParam(required = false) Long lead,
                   @Parameter(description = "only this agent's") @RequestParam(required = false) String agent,
                   @Parameter(description = "only this campaign's") @RequestParam(required = false) String campaign,
                   @Parameter(description = "dialled at or after this instant", example = "2026-12-01T18:30:00Z")
                   @RequestParam(required = false) Instant from,
                   @Parameter(description = "dialled before this instant", example = "2026-12-02T18:30:00Z")
                   @RequestParam(required = false) Instant until,
                   @Parameter(description = "at most this many (default and cap: dialer.export.max-rows)")
                   @RequestParam(required = false) @Min(1) Integer limit,
                   @Parameter(description = "the newest first rather than in the order dialled")
                   @RequestParam(defaultValue = "false") boolean newestFirst,
                   HttpServletResponse response) throws IOException {
        CallRecordRepository.CallSearch search = search(session, lead, agent, campaign, from, until);
        if (limit != null && limit > maxExportRows) {
            throw DialerException.badRequest("limit is at most " + maxExportRows + " rows (dialer.export.max-rows)");
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"calls.csv\"");
        try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS).build()
                .print(response.getWriter())) {
            calls.forEach(search, limit == null ? maxExportRows : limit, newestFirst, c -> print(csv, c));
        }
    }

    private static void print(CSVPrinter csv, CallRecord c) {
        try {
            // text that came from Exotel or an agent could be read as a formula by a spreadsheet
            csv.printRecord(c.id(), c.sessionId(), c.agentId(), c.campaignId(), c.leadId(), SpreadsheetSafe.cell(c.number()), c.status(),
                    SpreadsheetSafe.cell(c.callType()), c.dialCallDuration(), c.conversationSeconds(),
                    SpreadsheetSafe.cell(c.recordingUrl()), SpreadsheetSafe.cell(c.causeCode()),
                    SpreadsheetSafe.cell(c.cause()), c.leadStatus(), c.countsAsContact(), c.agentOutcome(),
                    SpreadsheetSafe.cell(c.notes()), c.dialledAt(), c.answeredAt(), c.outcomeAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Disposition(@Schema(example = "CALLBACK") @NotNull AgentOutcome outcome,
                       @Schema(example = "Call after payday") @Size(max = 2000) String notes,
                       @Schema(description = "when to call back, with its offset", example = "2026-11-27T10:30:00+05:30")
                       OffsetDateTime callbackAt,
                       @Schema(description = "or: when to call back on the customer's own clock, in the lead's time "
                               + "zone (what the desk sends)", example = "2026-11-27T10:30")
                       LocalDateTime callbackLocalTime) {
    }

    /** The agent's (or the CRM's) outcome, notes and callback time for a finished call. */
    @Operation(summary = "Save the agent's outcome, notes and callback for a call",
            description = "Overrides the automatic disposition of the call's lead; saving twice keeps the latest "
                    + "word, so a supervisor corrects an agent's by saving again. A CALLBACK needs a callback time. "
                    + "Does not end the agent's after-call work.")
    @ApiResponse(responseCode = "200", description = "the call record",
            content = @Content(examples = @ExampleObject(value = CALL)))
    @ApiResponse(responseCode = "400", description = "an unknown outcome, notes too long, or a callback without "
            + "a time or in the past")
    @ApiResponse(responseCode = "404", description = "no such call")
    @ApiResponse(responseCode = "409", description = "the call has no outcome yet")
    @PostMapping("/api/calls/{id}/disposition")
    @PreAuthorize("@access.ownsCall(#id, authentication)")
    CallRecord dispose(@Parameter(description = "the call record id") @PathVariable long id,
                       @Valid @RequestBody Disposition disposition) {
        return dispositions.dispose(id, disposition.outcome(), disposition.notes(),
                disposition.callbackAt() == null ? null : disposition.callbackAt().toInstant(),
                disposition.callbackLocalTime());
    }
}
