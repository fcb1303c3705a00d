package io.progressivedialer.reports;

import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.common.SpreadsheetSafe;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReportController {

    private static final String EXAMPLE = """
            [{"day":"2026-11-24","campaignId":"sales","agentId":"asha","calls":84,"contacts":31,
            "contactRate":0.369,"talkSeconds":5420,"wrapUpSeconds":1630,"averageHandleSeconds":83.9,
            "pauseSeconds":2700,"pauseSecondsByReason":{"lunch":1800,"break":900},"waitingSeconds":240,
            "leadsExhausted":6}]""";

    private final DailyReports reports;
    private final Clock clock;

    ReportController(DailyReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @Operation(summary = "Daily report per day, campaign and agent",
            description = "Days are the campaign's own; from defaults to six days ago, to to tomorrow (a campaign in a "
                    + "zone ahead of the server's is already there).")
    @ApiResponse(responseCode = "200", description = "one row per day, campaign and agent",
            content = @Content(examples = @ExampleObject(value = EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "from after to, a range over 366 days, or a malformed date")
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @GetMapping("/api/reports/daily")
    List<DailyReport> daily(
            @Parameter(description = "first day, 2026-11-01") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day, included") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "only this campaign") @RequestParam(required = false) String campaign,
            @Parameter(description = "only this agent") @RequestParam(required = false) String agent) {
        LocalDate today = LocalDate.now(clock);
        return reports.daily(from == null ? today.minusDays(6) : from, to == null ? today.plusDays(1) : to, campaign,
                agent);
    }

    @Operation(summary = "The calls behind one row of the daily report, with their recordings")
    @ApiResponse(responseCode = "200", description = "the agent's calls on the campaign that day, oldest first",
            content = @Content(examples = @ExampleObject(value = """
                    [{"id":42,"number":"+919876543210","status":"completed","conversationSeconds":95,
                    "recordingUrl":"https://recordings.exotel.com/exotelrecordings/acme/4a1b.mp3"}]""")))
    @ApiResponse(responseCode = "400", description = "a malformed day, or a missing campaign or agent")
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @GetMapping("/api/reports/daily/calls")
    List<CallRecord> calls(@Parameter(description = "the day, in the campaign's zone") @RequestParam
                           @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                           @Parameter(description = "the campaign") @RequestParam String campaign,
                           @Parameter(description = "the agent") @RequestParam String agent) {
        return reports.calls(day, campaign, agent);
    }

    @Operation(summary = "The daily report as CSV, one column per pause reason")
    @ApiResponse(responseCode = "200", description = "CSV with a header row",
            content = @Content(mediaType = "text/csv", examples = @ExampleObject(value = """
                    day,campaign,agent,calls,contacts,contactRate,talkSeconds,wrapUpSeconds,averageHandleSeconds,\
                    pauseSeconds,waitingSeconds,leadsExhausted,pause:break,pause:lunch
                    2026-11-24,sales,asha,84,31,0.369,5420,1630,83.9,2700,240,6,900,1800""")))
    @ApiResponse(responseCode = "400", description = "from after to, a range over 366 days, or a malformed date")
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @GetMapping(path = "/api/reports/daily.csv", produces = "text/csv")
    void dailyCsv(@Parameter(description = "first day, 2026-11-01") @RequestParam(required = false)
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @Parameter(description = "last day, included") @RequestParam(required = false)
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @Parameter(description = "only this campaign") @RequestParam(required = false) String campaign,
                  @Parameter(description = "only this agent") @RequestParam(required = false) String agent,
                  HttpServletResponse response) throws IOException {
        List<DailyReport> rows = daily(from, to, campaign, agent);
        TreeSet<String> reasons = new TreeSet<>();
        rows.forEach(row -> reasons.addAll(row.pauseSecondsByReason().keySet()));
        List<String> header = new java.util.ArrayList<>(List.of("day", "campaign", "agent", "calls", "contacts",
                "contactRate", "talkSeconds", "wrapUpSeconds", "averageHandleSeconds", "pauseSeconds",
                "waitingSeconds", "leadsExhausted"));
        reasons.forEach(reason -> header.add("pause:" + reason));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"daily-report.csv\"");
        try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build()
                .print(response.getWriter())) {
            for (DailyReport r : rows) {
                List<Object> values = new java.util.ArrayList<>(List.of(r.day(), SpreadsheetSafe.cell(r.campaignId()),
                        SpreadsheetSafe.cell(r.agentId()), r.calls(), r.contacts(),
                        "%.3f".formatted(r.contactRate()), r.talkSeconds(), r.wrapUpSeconds(),
                        "%.1f".formatted(r.averageHandleSeconds()), r.pauseSeconds(), r.waitingSeconds(),
                        r.leadsExhausted()));
                reasons.forEach(reason -> values.add(r.pauseSecondsByReason().getOrDefault(reason, 0L)));
                csv.printRecord(values);
            }
        }
    }
}
