package io.progressivedialer.lead;

import io.swagger.v3.oas.annotations.Parameter;
import io.progressivedialer.common.BoundedReader;
import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.PhoneNumbers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.annotation.Transactional;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.MediaType;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The internal do-not-call list: a number on it is never dialled, in any campaign. */
@RestController
@RequestMapping("/api/do-not-call")
@Validated
class DoNotCallController {

    private final DoNotCallRepository doNotCall;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;
    private final long maxImportBytes;

    DoNotCallController(DoNotCallRepository doNotCall, PhoneNumbers phoneNumbers, Clock clock,
                        @Value("${dialer.import.max-bytes:52428800}") long maxImportBytes) {
        this.maxImportBytes = maxImportBytes;
        this.doNotCall = doNotCall;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    record Entry(@NotBlank @Size(max = 32) String phone, @Size(max = 200) String reason) {
    }

    @Operation(summary = "Put a number on the do-not-call list", description = "It is never dialled again, in "
            + "any campaign. JSON adds one number; a CSV body imports a list.")
    @ApiResponse(responseCode = "201", description = "the entry, the number in E.164",
            content = @Content(examples = @ExampleObject(value = """
                    {"phone":"+919876543210","reason":"asked on the call","createdAt":"2026-11-26T04:41:12Z"}""")))
    @ApiResponse(responseCode = "400", description = "not a phone number, or a reason over 200 characters")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DoNotCallRepository.Entry add(@Valid @RequestBody Entry entry) {
        String phone = phoneNumbers.requireE164(entry.phone(), "phone");
        doNotCall.add(phone, entry.reason(), clock.instant());
        return new DoNotCallRepository.Entry(phone, entry.reason(), clock.instant());
    }

    /** How a do-not-call CSV import went: each rejected row with its line and reason. */
    record ImportReport(int imported, int rejected, List<LeadImport.Rejection> rejections) {
    }

    @Operation(summary = "Import a do-not-call list as CSV: a header with phone, and optionally reason")
    @ApiResponse(responseCode = "200", description = "counts imported and rejected, with each rejected row's reason",
            content = @Content(examples = @ExampleObject(value = """
                    {"imported":2,"rejected":1,"rejections":[{"line":3,"reason":"invalid phone: 12"}]}""")))
    @ApiResponse(responseCode = "400", description = "no phone column, or not readable as CSV")
    @PostMapping(consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @Transactional // all or nothing: a list refused halfway adds none of it
    ImportReport importCsv(HttpServletRequest request) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
        try (CSVParser parser = format.parse(new BoundedReader(request.getReader(), maxImportBytes, "the list"))) {
            if (!parser.getHeaderNames().contains("phone")) {
                throw DialerException.badRequest("the CSV header must name a phone column");
            }
            int imported = 0;
            List<LeadImport.Rejection> rejections = new ArrayList<>();
            for (CSVRecord row : parser) {
                String reason = row.isMapped("reason") && row.isSet("reason") ? row.get("reason") : null;
                var phone = phoneNumbers.toE164(row.get("phone"));
                if (phone.isEmpty()) {
                    rejections.add(new LeadImport.Rejection(parser.getCurrentLineNumber(), "invalid phone: "
                            + row.get("phone").substring(0, Math.min(32, row.get("phone").length()))));
                } else if (reason != null && reason.length() > 200) {
                    rejections.add(new LeadImport.Rejection(parser.getCurrentLineNumber(),
                            "reason is longer than 200 characters"));
                } else {
                    doNotCall.add(phone.get(), reason, clock.instant());
                    imported++;
                }
            }
            return new ImportReport(imported, rejections.size(), rejections);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw DialerException.badRequest("the body is not readable CSV: " + e.getMessage());
        }
    }

    @Operation(summary = "The do-not-call list")
    @ApiResponse(responseCode = "200", description = "the entries", content = @Content(examples = @ExampleObject(
            value = """
                    [{"phone":"+919876543210","reason":"asked on the call","createdAt":"2026-11-26T04:41:12Z"}]""")))
    @ApiResponse(responseCode = "400", description = "a limit outside 1 to 10000")
    @GetMapping
    List<DoNotCallRepository.Entry> list(@Parameter(description = "at most this many, 1 to 10000")
                                         @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        return doNotCall.list(limit);
    }

    @Operation(summary = "Take a number off the do-not-call list")
    @ApiResponse(responseCode = "204", description = "taken off")
    @ApiResponse(responseCode = "400", description = "not a phone number")
    @ApiResponse(responseCode = "404", description = "the number is not on the list")
    @DeleteMapping("/{phone}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@Parameter(description = "the number, in any form libphonenumber reads", example = "+919876543210")
                @PathVariable String phone) {
        if (!doNotCall.remove(phoneNumbers.requireE164(phone, "phone"))) {
            throw DialerException.notFound("do-not-call entry", phone);
        }
    }
}
