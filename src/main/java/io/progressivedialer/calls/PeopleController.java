package io.progressivedialer.calls;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PeopleController {

    private final PersonErasure erasure;

    PeopleController(PersonErasure erasure) {
        this.erasure = erasure;
    }

    @Operation(summary = "Erase a person: their leads, call records' numbers and notes, CRM posts, anonymised",
            description = "The erasure is logged under a hash of the number; a do-not-call entry for it stays.")
    @ApiResponse(responseCode = "200", description = "how many leads and calls were anonymised",
            content = @Content(examples = @ExampleObject(value = "{\"leads\":1,\"calls\":3}")))
    @ApiResponse(responseCode = "400", description = "not a phone number")
    @ApiResponse(responseCode = "404", description = "no lead or call has this number")
    @ApiResponse(responseCode = "409", description = "a session is dialling the person now")
    @DeleteMapping("/api/people/{phone}")
    PersonErasure.Erasure erase(@Parameter(description = "the person's number, E.164 or national")
                                @PathVariable String phone) {
        return erasure.erase(phone);
    }
}
