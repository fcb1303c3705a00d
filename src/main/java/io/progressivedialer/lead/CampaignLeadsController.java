package io.progressivedialer.lead;

import io.progressivedialer.common.BoundedReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's leads, imported from a CSV. */
@RestController
@RequestMapping("/api/campaigns")
class CampaignLeadsController {

    private final LeadImport leadImport;
    private final long maxImportBytes;

    CampaignLeadsController(LeadImport leadImport,
                            @Value("${dialer.import.max-bytes:52428800}") long maxImportBytes) {
        this.leadImport = leadImport;
        this.maxImportBytes = maxImportBytes;
    }

    @Operation(summary = "Import leads from CSV", description = "Columns phone,name,agent,priority,timezone, then "
            + "any others, kept as the lead's attributes (the tables read them by their header names). A lead "
            + "without a zone gets the number's when libphonenumber knows exactly one, else the campaign's.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv",
            examples = @ExampleObject(value = """
                    phone,name,agent,priority,timezone,city,plan
                    09876543210,Ravi Kumar,asha,5,,Pune,Gold
                    +12125550123,Mary Smith,,3,America/New_York,New York,Silver
                    """)))
    @ApiResponse(responseCode = "200", description = "counts imported and rejected, each rejected row with its "
            + "line and reason", content = @Content(examples = @ExampleObject(value = """
                    {"imported":2,"rejected":1,"rejections":[{"line":4,"reason":"invalid phone: 12"}]}""")))
    @ApiResponse(responseCode = "400", description = "a header without the five columns, or not readable as CSV")
    @ApiResponse(responseCode = "404", description = "no such campaign")
    @ApiResponse(responseCode = "413", description = "a body over dialer.import.max-bytes")
    @PostMapping(path = "/{id}/leads", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    LeadImport.Report importLeads(@Parameter(description = "the campaign") @PathVariable String id,
                                  HttpServletRequest request) throws IOException {
        return leadImport.importCsv(id, new BoundedReader(request.getReader(), maxImportBytes, "the import"));
    }
}
