package io.progressivedialer.exotel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Exotel's "programmable connect" answer: whom the Connect applet dials next; no number ends the loop. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DialWhomAnswer(@JsonProperty("fetch_after_attempt") boolean fetchAfterAttempt,
                             Destination destination,
                             @JsonProperty("outgoing_phone_number") String outgoingPhoneNumber,
                             boolean record,
                             @JsonProperty("recording_channels") String recordingChannels,
                             @JsonProperty("max_ringing_duration") int maxRingingDuration,
                             @JsonProperty("max_conversation_duration") int maxConversationDuration) {

    public record Destination(List<String> numbers) {
    }

    public static DialWhomAnswer dial(String number, String callerId) {
        return new DialWhomAnswer(false, new Destination(List.of(number)), callerId, true, "dual", 30, 3600);
    }

    public static DialWhomAnswer noNumber(String callerId) {
        return new DialWhomAnswer(false, new Destination(List.of()), callerId, true, "dual", 30, 3600);
    }
}
