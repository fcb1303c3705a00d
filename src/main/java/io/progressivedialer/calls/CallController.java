package io.progressivedialer.calls;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/calls")
@Validated
class CallController {

    private final CallRecordRepository calls;
    private final AgentDispositions dispositions;

    CallController(CallRecordRepository calls, AgentDispositions dispositions) {
        this.calls = calls;
        this.dispositions = dispositions;
    }

    @GetMapping
    List<CallRecord> list(@RequestParam(required = false) String session,
                          @RequestParam(required = false) Long lead,
                          @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        return calls.list(session, lead, limit);
    }

    record Disposition(@NotNull AgentOutcome outcome, @Size(max = 2000) String notes, OffsetDateTime callbackAt) {
    }

    /** The agent's (or the CRM's) outcome, notes and callback time for a finished call. */
    @PostMapping("/{id}/disposition")
    CallRecord dispose(@PathVariable long id, @Valid @RequestBody Disposition disposition) {
        return dispositions.dispose(id, disposition.outcome(), disposition.notes(),
                disposition.callbackAt() == null ? null : disposition.callbackAt().toInstant());
    }
}
