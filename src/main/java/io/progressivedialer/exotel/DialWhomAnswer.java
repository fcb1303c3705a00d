package io.progressivedialer.exotel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Exotel's Programmable Connect answer (version 1.0): whom the Connect applet dials next, from which ExoPhone, and
 * how (the campaign's {@link ConnectSettings}); no number ends the loop.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DialWhomAnswer(@JsonProperty("fetch_after_attempt") boolean fetchAfterAttempt,
                             Destination destination,
                             @JsonProperty("outgoing_phone_number") String outgoingPhoneNumber,
                             boolean record,
                             @JsonProperty("recording_channels") String recordingChannels,
                             @JsonProperty("max_ringing_duration") int maxRingingDuration,
                             @JsonProperty("max_conversation_duration") int maxConversationDuration,
                             @JsonProperty("start_call_playback") @JsonInclude(JsonInclude.Include.NON_NULL)
                             Playback startCallPlayback,
                             @JsonProperty("music_on_hold") @JsonInclude(JsonInclude.Include.NON_NULL)
                             Playback musicOnHold) {

    /** The version of these fields the dialer answers in, as Exotel's {@code Exotel-Version} header names it. */
    public static final String VERSION = "1.0";

    public record Destination(List<String> numbers) {
    }

    /** Something played: a text read out or an audio URL; {@code playbackTo} whom (the customer: callee). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Playback(@JsonProperty("playback_to") String playbackTo, String type, String value) {
    }

    public static DialWhomAnswer dial(String number, String callerId, ConnectSettings settings) {
        return answer(List.of(number), callerId, settings);
    }

    public static DialWhomAnswer noNumber(String callerId, ConnectSettings settings) {
        return answer(List.of(), callerId, settings);
    }

    private static DialWhomAnswer answer(List<String> numbers, String callerId, ConnectSettings settings) {
        return new DialWhomAnswer(false, new Destination(numbers), callerId, settings.record(),
                settings.recordingChannels(), settings.maxRingSeconds(), settings.maxCallSeconds(),
                settings.recordingNotice() == null ? null : new Playback("callee", "text", settings.recordingNotice()),
                settings.musicOnHold() == null ? null : new Playback(null, "audio_url", settings.musicOnHold()));
    }
}
