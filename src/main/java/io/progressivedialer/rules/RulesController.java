package io.progressivedialer.rules;

import io.progressivedialer.lead.Lead;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.bind.annotation.RestController;

/** The analysts' decision tables: their versions, each version's file, deploying a new one, rolling back. */
@RestController
@RequestMapping("/api/rules")
class RulesController {

    private static final String DECISIONS = """
            [{"key":"lead-selection","name":"Lead selection","latestVersion":3,"versions":[{"version":3,
            "deploymentId":"7f3e","deployedBy":"analyst from 10.0.0.7","source":"rules API",
            "deployedAt":"2026-12-01T09:30:00Z","resource":"lead-rules.dmn"}]}]""";
    private static final String DEPLOYED = """
            {"deploymentId":"7f3e","deployedBy":"analyst from 10.0.0.7","decisions":["lead-selection","lead-score",
            "attempt-limits","call-disposition"],"warnings":[]}""";

    private final RuleDeployments deployments;

    RulesController(RuleDeployments deployments) {
        this.deployments = deployments;
    }

    record Deployed(String deploymentId, String deployedBy, List<String> decisions, List<String> warnings) {

        static Deployed of(Deployment deployment, RuleDeployments deployments, List<String> warnings) {
            return new Deployed(deployment.getId(), deployment.getName(), deployments.decisionsOf(deployment),
                    warnings);
        }
    }

    private static final String VALIDATION = """
            {"refusals":[{"elementId":"lead-selection","expression":"a due callback outranks a fresh lead",
            "reason":"case fails: score is 30.0, expected above 1050.0"}],"warnings":["lead-score reads 'segmnt',
            which no fact, session variable or lead column gives: it is always null"],"stranded":[]}""";

    @Operation(summary = "The decision tables: each decision's deployed versions, who deployed each, from where, when")
    @ApiResponse(responseCode = "200", description = "every decision, its versions the newest first",
            content = @Content(examples = @ExampleObject(value = DECISIONS)))
    @GetMapping
    List<RuleDeployments.Decision> decisions() {
        return deployments.decisions();
    }

    @Operation(summary = "The .dmn file that holds a version of a decision, as deployed")
    @ApiResponse(responseCode = "200", description = "the file, as Camunda Modeler opens it",
            content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE, examples = @ExampleObject(
                    value = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" ...>")))
    @ApiResponse(responseCode = "404", description = "no such decision or version")
    @GetMapping(path = "/{decision}/versions/{version}", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<byte[]> version(@Parameter(description = "the decision's key", example = "lead-selection")
                                   @PathVariable String decision,
                                   @Parameter(description = "its version", example = "3") @PathVariable int version) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(deployments.file(decision, version));
    }

    @Operation(summary = "Deploy decision tables: a .dmn file as Camunda Modeler saves it",
            description = "Checked before it is deployed (no code in any cell; the outputs the dialer reads, of their "
                    + "types; lead statuses it knows; the file's test cases, those in force for its name as none are "
                    + "sent here); its decisions become the latest versions, used from the next call. The deployment "
                    + "is named after the login and address that sent it. Inputs that read no known fact are "
                    + "answered as warnings.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_XML_VALUE, examples = @ExampleObject(
                    value = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" ...>")))
    @ApiResponse(responseCode = "200", description = "deployed", content = @Content(
            examples = @ExampleObject(value = DEPLOYED)))
    @ApiResponse(responseCode = "400", description = "no file, a bad name, or a table a check or a case refuses: "
            + "each element at fault named")
    @ApiResponse(responseCode = "409", description = "it would leave an active campaign with no eligible lead: the "
            + "campaigns and their figures; force=true deploys it anyway")
    @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    Deployed deploy(@Parameter(description = "the file's name", example = "lead-rules.dmn")
                    @RequestParam(defaultValue = "lead-rules.dmn") String name,
                    @Parameter(description = "deploy even when an active campaign would be left with no eligible lead")
                    @RequestParam(defaultValue = "false") boolean force,
                    @RequestBody(required = false) byte[] dmn, Principal principal, HttpServletRequest request) {
        return deploy(name, dmn, null, force, principal, request);
    }

    @Operation(summary = "Deploy decision tables with their test cases",
            description = "As the XML upload, with the file's test cases (a JSON list of {name, decision, facts, "
                    + "expect}) deployed beside it: they must pass, and they hold every later deployment of the file "
                    + "that brings none.")
    @ApiResponse(responseCode = "200", description = "deployed", content = @Content(
            examples = @ExampleObject(value = DEPLOYED)))
    @ApiResponse(responseCode = "400", description = "no table, malformed cases, or a check or a case refuses it")
    @ApiResponse(responseCode = "409", description = "it would leave an active campaign with no eligible lead")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Deployed deployWithCases(@Parameter(description = "the file's name", example = "lead-rules.dmn")
                             @RequestParam(defaultValue = "lead-rules.dmn") String name,
                             @Parameter(description = "deploy even when an active campaign would be left with no "
                                     + "eligible lead") @RequestParam(defaultValue = "false") boolean force,
                             @Parameter(description = "the .dmn file") @RequestPart("table") MultipartFile table,
                             @Parameter(description = "its test cases, JSON")
                             @RequestPart(value = "cases", required = false) MultipartFile cases,
                             Principal principal, HttpServletRequest request) throws IOException {
        return deploy(name, table.getBytes(), cases == null ? null : cases.getBytes(), force, principal, request);
    }

    private Deployed deploy(String name, byte[] dmn, byte[] cases, boolean force, Principal principal,
                            HttpServletRequest request) {
        List<String> warnings = dmn == null || dmn.length == 0 ? List.of() : deployments.warnings(dmn);
        return Deployed.of(deployments.deploy(name, dmn, cases, by(principal, request), force), deployments,
                warnings);
    }

    @Operation(summary = "Validate decision tables without deploying them",
            description = "Every check a deployment meets, the file's test cases (those sent, else those in force for "
                    + "its name), the inputs no known fact gives, and the active campaigns it would leave with no "
                    + "eligible lead. Sent as multipart: the table, and optionally its cases.")
    @ApiResponse(responseCode = "200", description = "what a deployment would meet; refusals empty: it may be "
            + "deployed", content = @Content(examples = @ExampleObject(value = VALIDATION)))
    @ApiResponse(responseCode = "400", description = "no table, an unreadable file or malformed cases")
    @PostMapping(path = "/validate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RuleDeployments.Validation validate(@Parameter(description = "the file's name", example = "lead-rules.dmn")
                                        @RequestParam(defaultValue = "lead-rules.dmn") String name,
                                        @Parameter(description = "the .dmn file") @RequestPart("table")
                                        MultipartFile table,
                                        @Parameter(description = "its test cases, JSON")
                                        @RequestPart(value = "cases", required = false) MultipartFile cases)
            throws IOException {
        return deployments.validate(name, table.getBytes(), cases == null ? null : cases.getBytes());
    }

    @Operation(summary = "The test cases in force for a file of tables: those deployed last with it")
    @ApiResponse(responseCode = "200", description = "the cases", content = @Content(examples = @ExampleObject(
            value = """
                    [{"name":"a fresh lead inside the calling window is eligible","decision":"lead-selection",
                    "facts":{"withinCallWindow":true,"priority":5,"attempts":0,"attemptsToday":0},
                    "expect":{"eligible":true}}]""")))
    @ApiResponse(responseCode = "400", description = "a bad file name")
    @GetMapping("/cases")
    List<RuleCases.Case> cases(@Parameter(description = "the file's name", example = "lead-rules.dmn")
                               @RequestParam(defaultValue = "lead-rules.dmn") String name) {
        return deployments.casesOf(name);
    }

    @Operation(summary = "The names a table's inputs may read",
            description = "The dialer's facts, the session's variables, and every column of the newest leads, by "
                    + "header and by the name a header that is no identifier reaches the tables under "
                    + "(Loan Amount: Loan_Amount).")
    @ApiResponse(responseCode = "200", description = "the names, sorted", content = @Content(examples = @ExampleObject(
            value = "[\"Loan Amount\",\"Loan_Amount\",\"attempts\",\"callbackDue\",\"priority\"]")))
    @GetMapping("/facts")
    List<String> facts() {
        return deployments.knownNames();
    }

    @Operation(summary = "What changed in a decision between two of its versions: rules added, removed, changed")
    @ApiResponse(responseCode = "200", description = "the rules, each with its description and cells",
            content = @Content(examples = @ExampleObject(value = """
                    {"decision":"lead-score","from":2,"to":3,"added":[],"removed":[],"changed":[{"before":{"id":
                    "lead-score-rule-0","description":"higher priority first","cells":["-","-","-","-","-",
                    "priority * 10"]},"after":{"id":"lead-score-rule-0","description":"higher priority first",
                    "cells":["-","-","-","-","-","priority * 20"]}}]}""")))
    @ApiResponse(responseCode = "404", description = "no such decision or version")
    @GetMapping("/{decision}/changes")
    TableDiff.Changes changes(@Parameter(description = "the decision's key", example = "lead-score")
                              @PathVariable String decision,
                              @Parameter(description = "the earlier version", example = "2", required = true)
                              @RequestParam int from,
                              @Parameter(description = "the later version", example = "3", required = true)
                              @RequestParam int to) {
        return deployments.changes(decision, from, to);
    }

    @Operation(summary = "Roll a decision back: deploy the file of one of its earlier versions again",
            description = "That version's file is deployed again, checked as any deployment; its decisions become the "
                    + "newest versions.")
    @ApiResponse(responseCode = "200", description = "deployed again", content = @Content(
            examples = @ExampleObject(value = DEPLOYED)))
    @ApiResponse(responseCode = "400", description = "the earlier file no longer passes the checks")
    @ApiResponse(responseCode = "404", description = "no such decision or version")
    @ApiResponse(responseCode = "409", description = "it would leave an active campaign with no eligible lead")
    @PostMapping("/{decision}/rollback")
    Deployed rollBack(@Parameter(description = "the decision's key", example = "lead-selection")
                      @PathVariable String decision,
                      @Parameter(description = "the version to go back to", example = "2", required = true)
                      @RequestParam int version,
                      @Parameter(description = "deploy even when an active campaign would be left with no eligible lead")
                      @RequestParam(defaultValue = "false") boolean force,
                      Principal principal, HttpServletRequest request) {
        return Deployed.of(deployments.rollBack(decision, version, by(principal, request), force), deployments,
                List.of());
    }

    private static String by(Principal principal, HttpServletRequest request) {
        return principal.getName() + " from " + request.getRemoteAddr();
    }
}
