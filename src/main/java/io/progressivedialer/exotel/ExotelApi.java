package io.progressivedialer.exotel;

import com.fasterxml.jackson.annotation.JsonProperty;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.Map;

/** The three Exotel API calls the dialer makes (developer.exotel.com/api), with Exotel's field names. */
public interface ExotelApi {

    @RequestLine("POST /v1/Accounts/{sid}/Calls/connect.json")
    @Headers("Content-Type: application/x-www-form-urlencoded")
    CallAnswer connect(@Param("sid") String accountSid, Map<String, ?> form);

    @RequestLine("GET /v1/Accounts/{sid}/Calls/{callSid}.json")
    CallAnswer call(@Param("sid") String accountSid, @Param("callSid") String callSid);

    @RequestLine("GET /v1/Accounts/{sid}/Numbers/{number}.json")
    NumberAnswer number(@Param("sid") String accountSid, @Param("number") String number);

    record CallAnswer(@JsonProperty("Call") Call call) {
    }

    record Call(@JsonProperty("Sid") String sid,
                @JsonProperty("Status") String status,
                @JsonProperty("From") String from,
                @JsonProperty("To") String to,
                @JsonProperty("Duration") String duration,
                @JsonProperty("RecordingUrl") String recordingUrl) {

        public boolean isOver() {
            return status != null && switch (status) {
                case "completed", "failed", "busy", "no-answer", "canceled" -> true;
                default -> false;
            };
        }
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
