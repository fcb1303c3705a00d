package io.progressivedialer.exotel;

import com.fasterxml.jackson.annotation.JsonProperty;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.List;
import java.util.Map;

/** The three Exotel API calls the dialer makes (developer.exotel.com/api), with Exotel's field names. */
public interface ExotelApi {

    @RequestLine("POST /v1/Accounts/{sid}/Calls/connect.json")
    @Headers("Content-Type: application/x-www-form-urlencoded")
    CallAnswer connect(@Param("sid") String accountSid, Map<String, ?> form);

    @RequestLine("GET /v1/Accounts/{sid}/Calls/{callSid}.json")
    CallAnswer call(@Param("sid") String accountSid, @Param("callSid") String callSid);

    /** Call Details with the legs: their statuses and durations, settled a few minutes after the call. */
    @RequestLine("GET /v1/Accounts/{sid}/Calls/{callSid}.json?details=true")
    CallAnswer callWithLegs(@Param("sid") String accountSid, @Param("callSid") String callSid);

    @RequestLine("GET /v1/Accounts/{sid}/Numbers/{number}.json")
    NumberAnswer number(@Param("sid") String accountSid, @Param("number") String number);

    record CallAnswer(@JsonProperty("Call") Call call) {
    }

    record Call(@JsonProperty("Sid") String sid,
                @JsonProperty("Status") String status,
                @JsonProperty("From") String from,
                @JsonProperty("To") String to,
                @JsonProperty("Duration") String duration,
                @JsonProperty("RecordingUrl") String recordingUrl,
                @JsonProperty("Details") Details details) {

        public boolean isOver() {
            return status != null && switch (status) {
                case "completed", "failed", "busy", "no-answer", "canceled" -> true;
                default -> false;
            };
        }
    }

    /** With {@code details=true}: Leg 1 is the agent's, the legs after it the customers' the flow dialled. */
    record Details(@JsonProperty("ConversationDuration") Integer conversationDuration,
                   @JsonProperty("Leg1Status") String leg1Status,
                   @JsonProperty("Leg2Status") String leg2Status,
                   @JsonProperty("Legs") List<LegEntry> legs) {
    }

    record LegEntry(@JsonProperty("Leg") Leg leg) {
    }

    record Leg(@JsonProperty("Id") Integer id, @JsonProperty("OnCallDuration") Integer onCallDuration) {
    }

    record NumberAnswer(@JsonProperty("Numbers") NumberMetadata numbers) {
    }

    record NumberMetadata(@JsonProperty("PhoneNumber") String phoneNumber,
                          @JsonProperty("Circle") String circle,
                          @JsonProperty("Type") String type,
                          @JsonProperty("Operator") String operator,
                          @JsonProperty("DND") String dnd) {
    }

    record ErrorAnswer(@JsonProperty("RestException") RestException restException) {
    }

    record RestException(@JsonProperty("Status") Integer status, @JsonProperty("Message") String message) {
    }
}
