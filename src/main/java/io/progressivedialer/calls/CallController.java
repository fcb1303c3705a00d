package io.progressivedialer.calls;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/calls")
@Validated
class CallController {

    private final CallRecordRepository calls;

    CallController(CallRecordRepository calls) {
        this.calls = calls;
    }

    @GetMapping
    List<CallRecord> list(@RequestParam(required = false) String session,
                          @RequestParam(required = false) Long lead,
                          @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        return calls.list(session, lead, limit);
    }
}
