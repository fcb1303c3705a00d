package io.progressivedialer.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.progressivedialer.exotel.DialWhomAnswer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The version of the Connect applet's fields Exotel validates the dial-whom answer against ({@code Exotel-Version}).
 * One the dialer was not written for is counted ({@code dialer.exotel.unknown-version}) and logged once per version
 * and node: Exotel may then refuse the answer, and the flow would go down the Connect applet's other exits.
 */
@Component
class ExotelVersions {

    private static final Logger log = LoggerFactory.getLogger(ExotelVersions.class);
    /** Versions remembered as logged, at most: a caller sending a new one each time cannot fill the memory. */
    private static final int REMEMBERED = 32;

    private final MeterRegistry meters;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    ExotelVersions(MeterRegistry meters) {
        this.meters = meters;
    }

    void note(String version) {
        if (version == null || version.isBlank() || version.strip().equals(DialWhomAnswer.VERSION)) {
            return;
        }
        String shown = version.strip().length() > 16 ? version.strip().substring(0, 16) + "..." : version.strip();
        meters.counter("dialer.exotel.unknown-version").increment();
        if (logged.size() < REMEMBERED && logged.add(shown)) {
            log.warn("Exotel asks whom to dial with Exotel-Version {}; this dialer answers version {}'s fields",
                    shown, DialWhomAnswer.VERSION);
        }
    }
}
