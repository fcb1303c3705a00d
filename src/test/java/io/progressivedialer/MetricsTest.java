package io.progressivedialer;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.progressivedialer.simulator.StandInCalls;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a supervisor's Prometheus scrapes: webhook latency per kind, live sessions, calls, conflicts, Exotel's answers. */
class MetricsTest extends PassiveExotelTest {

    @Autowired
    StandInCalls standIn;

    @Test
    void aCallShowsUpInThePrometheusScrape() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",Lead," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        String before = scrape();

        String number = dialWhom(session);
        assertThat(passthru(session, number, "completed", 31).statusCode()).isEqualTo(200);
        String after = scrape();

        assertThat(value(after, "dialer_calls_dialled_total")).isEqualTo(value(before, "dialer_calls_dialled_total") + 1);
        assertThat(value(after, "dialer_calls_finished_total{status=\"completed\"}"))
                .isEqualTo(value(before, "dialer_calls_finished_total{status=\"completed\"}") + 1);
        assertThat(value(after, "dialer_sessions{status=\"ACTIVE\"}")).isGreaterThanOrEqualTo(1);
        assertThat(after).contains("dialer_leads_reservation_conflicts_total");
        assertThat(after).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/exotel/dial-whom\"");
        assertThat(after).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/exotel/passthru\"");
    }

    @Test
    void exotelsRefusalsAreCountedByStatus() {
        String campaign = newCampaign();
        String agent = newAgent();
        double before = value(scrape(), "dialer_exotel_errors_total{status=\"429\"}");
        standIn.refuseNextConnects(1, 429);

        startConnectedSession(agent, campaign);

        assertThat(value(scrape(), "dialer_exotel_errors_total{status=\"429\"}")).isEqualTo(before + 1);
    }

    /** Every series the shipped alert rules read is one the dialer exports. */
    @Test
    void everySeriesTheAlertsReadIsScraped() throws java.io.IOException {
        String rules = java.nio.file.Files.readString(java.nio.file.Path.of("ops", "prometheus", "dialer-alerts.yml"));
        java.util.Set<String> series = new java.util.TreeSet<>();
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b((?:dialer|hikaricp)_[a-z_]+)\\b")
                .matcher(rules);
        while (names.find()) {
            series.add(names.group(1));
        }
        String scrape = scrape();

        assertThat(series).hasSizeGreaterThanOrEqualTo(7);
        assertThat(series).allSatisfy(name -> assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]"));
    }

    @Test
    void theScrapeIsForTheAdministratorOnly() {
        HttpResponse<String> anonymous = sendAsIs(java.net.http.HttpRequest.newBuilder(uri("/actuator/prometheus")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private String scrape() {
        HttpResponse<String> answer = get("/actuator/prometheus");
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    /** The value of one series, 0 when it has not been written yet. */
    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
