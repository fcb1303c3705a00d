package io.progressivedialer.rules;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
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
            "attempt-limits","call-disposition"]}""";

    private final RuleDeployments deployments;

    RulesController(RuleDeployments deployments) {
        this.deployments = deployments;
    }

    record Deployed(String deploymentId, String deployedBy, List<String> decisions) {

        static Deployed of(Deployment deployment, RuleDeployments deployments) {
            return new Deployed(deployment.getId(), deployment.getName(), deployments.decisionsOf(deployment));
        }
    }

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
                    + "types; lead statuses it knows); its decisions become the latest versions, used from the next "
                    + "call. The deployment is named after the login and address that sent it.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_XML_VALUE, examples = @ExampleObject(
                    value = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" ...>")))
    @ApiResponse(responseCode = "200", description = "deployed", content = @Content(
            examples = @ExampleObject(value = DEPLOYED)))
    @ApiResponse(responseCode = "400", description = "no file, a bad name, or a table a check refuses: each element at "
            + "fault named")
    @ApiResponse(responseCode = "409", description = "it would leave an active campaign with no eligible lead: the "
            + "campaigns and their figures; force=true deploys it anyway")
    @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    Deployed deploy(@Parameter(description = "the file's name", example = "lead-rules.dmn")
                    @RequestParam(defaultValue = "lead-rules.dmn") String name,
                    @Parameter(description = "deploy even when an active campaign would be left with no eligible lead")
                    @RequestParam(defaultValue = "false") boolean force,
                    @RequestBody(required = false) byte[] dmn, Principal principal, HttpServletRequest request) {
        return Deployed.of(deployments.deploy(name, dmn, by(principal, request), force), deployments);
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
        return Deployed.of(deployments.rollBack(decision, version, by(principal, request), force), deployments);
    }

    private static String by(Principal principal, HttpServletRequest request) {
        return principal.getName() + " from " + request.getRemoteAddr();
    }
}
