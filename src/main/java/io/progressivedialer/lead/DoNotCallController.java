package io.progressivedialer.lead;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.PhoneNumbers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
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

    DoNotCallController(DoNotCallRepository doNotCall, PhoneNumbers phoneNumbers, Clock clock) {
        this.doNotCall = doNotCall;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    record Entry(@NotBlank @Size(max = 32) String phone, @Size(max = 200) String reason) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DoNotCallRepository.Entry add(@Valid @RequestBody Entry entry) {
        String phone = phoneNumbers.requireE164(entry.phone(), "phone");
        doNotCall.add(phone, entry.reason(), clock.instant());
        return new DoNotCallRepository.Entry(phone, entry.reason(), clock.instant());
    }

    @GetMapping
    List<DoNotCallRepository.Entry> list(@RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
        return doNotCall.list(limit);
    }

    @DeleteMapping("/{phone}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String phone) {
        if (!doNotCall.remove(phoneNumbers.requireE164(phone, "phone"))) {
            throw DialerException.notFound("do-not-call entry", phone);
        }
    }
}
