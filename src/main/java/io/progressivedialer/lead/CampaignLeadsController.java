package io.progressivedialer.lead;

import io.progressivedialer.common.BoundedReader;
import io.progressivedialer.common.DialerException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's leads, imported from a CSV, and how far an import has got. */
@RestController
@Validated
@RequestMapping("/api/campaigns")
class CampaignLeadsController {

    private final LeadImport leadImport;
    private final ImportProgress progress;
    private final long maxImportBytes;

    CampaignLeadsController(LeadImport leadImport, ImportProgress progress,
                            @Value("${dialer.import.max-bytes:52428800}") long maxImportBytes) {
        this.leadImport = leadImport;
        this.progress = progress;
        this.maxImportBytes = maxImportBytes;
    }

    @Operation(summary = "Import leads from CSV", description = "Columns phone,name,agent,priority,timezone, then "
            + "any others, kept as the lead's attributes (the tables read them by their header names). A lead "
            + "without a zone gets the number's when libphonenumber knows exactly one, else the campaign's. Rows "
            + "are checked and stored as the file is read, all in one transaction: a file refused halfway stores "
            + "nothing.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv",
            examples = @ExampleObject(value = """
                    phone,name,agent,priority,timezone,city,plan
                    09876543210,Ravi Kumar,asha,5,,Pune,Gold
                    +12125550123,Mary Smith,,3,America/New_York,New York,Silver
                    """)))
    @ApiResponse(responseCode = "200", description = "counts imported and rejected, each rejected row with its "
            + "line and reason", content = @Content(examples = @ExampleObject(value = """
                    {"imported":2,"rejected":1,"rejections":[{"line":4,"reason":"invalid phone: 12"}]}""")))
    @ApiResponse(responseCode = "400", description = "a header without the five columns, not readable as CSV, or an "
            + "importId that is not a UUID")
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @ApiResponse(responseCode = "409", description = "an import with this importId is already running")
    @ApiResponse(responseCode = "413", description = "a body over dialer.import.max-bytes")
    @PostMapping(path = "/{id}/leads", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    LeadImport.Report importLeads(@Parameter(description = "the campaign") @PathVariable @Size(max = 64) String id,
                                  @Parameter(description = "a UUID of the caller's choosing, under which "
                                          + "GET /api/campaigns/{id}/imports/{importId} tells how far the import has "
                                          + "got while it runs", example = "0b6f3c52-4c1e-4a8e-9f3e-2d1c5b7a9e10")
                                  @RequestParam(required = false) UUID importId,
                                  HttpServletRequest request) throws IOException {
        BoundedReader csv = new BoundedReader(request.getReader(), maxImportBytes, "the import");
        if (importId == null) {
            return leadImport.importCsv(id, csv);
        }
        progress.started(importId, id);
        try {
            return leadImport.importCsv(id, csv, rows -> progress.reached(importId, csv.charactersRead(), rows));
        } finally {
            progress.ended(importId);
        }
    }

    @Operation(summary = "How far an import has got", description = "While an import sent with this importId runs: "
            + "the characters of its file read so far and the rows checked and stored, brought up to date every "
            + "thousand rows. Gone once the import has answered.")
    @ApiResponse(responseCode = "200", description = "the import's progress", content = @Content(examples =
            @ExampleObject(value = """
                    {"importId":"0b6f3c52-4c1e-4a8e-9f3e-2d1c5b7a9e10","charactersRead":1466112,"rowsRead":50000,
                     "updatedAt":"2026-12-07T10:15:30Z"}""")))
    @ApiResponse(responseCode = "400", description = "an importId that is not a UUID")
    @ApiResponse(responseCode = "404", description = "no import with this id running in this campaign (not yet "
            + "begun, or already over)")
    @GetMapping("/{id}/imports/{importId}")
    ImportProgress.Snapshot importProgress(@Parameter(description = "the campaign") @PathVariable String id,
                                           @Parameter(description = "the importId the import was sent with",
                                                   example = "0b6f3c52-4c1e-4a8e-9f3e-2d1c5b7a9e10")
                                           @PathVariable UUID importId) {
        return progress.find(id, importId).orElseThrow(() -> DialerException.notFound("import", importId));
    }
}
