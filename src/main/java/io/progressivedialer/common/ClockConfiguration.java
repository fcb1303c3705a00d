package io.progressivedialer.common;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ClockConfiguration {

    /** UTC: nothing the dialer stores or decides depends on the zone its server happens to be set to. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
