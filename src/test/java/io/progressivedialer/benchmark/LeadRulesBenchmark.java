package io.progressivedialer.benchmark;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.lead.LeadImport;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.rules.LeadSelection;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lead import and lead selection at size, on H2: a 100,000-row CSV import, and the latency of one selection
 * (ready candidates, lead-selection table, atomic reservation) with 10,000 and 1,000,000 leads in the campaign, with
 * and without 100,000 leads ranked first that the table finds ineligible (in a zone where it is night).
 * Run with {@code ./mvnw -B test -Pbenchmark}; results go to target/benchmarks/lead-rules.md.
 */
@Tag("benchmark")
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=benchmark",
        "camunda.bpm.job-execution.enabled=false",
        "dialer.demo.enabled=false",
        "dialer.simulator.drive-flow=false"})
class LeadRulesBenchmark {

    static final int SELECTIONS = 1000;
    static final int WARM_UP = 300;
    static final int NIGHT_LEADS = 100_000;
    static final String DAY = zoneWhereItIs(13);
    static final String NIGHT = zoneWhereItIs(2);

    @Autowired
    CampaignRepository campaigns;
    @Autowired
    LeadImport leadImport;
    @Autowired
    LeadRepository leads;
    @Autowired
    LeadSelection selection;
    @Autowired
    JdbcClient jdbc;

    private final StringBuilder report = new StringBuilder();

    @Test
    void importAndSelectionAtSize() throws IOException, InterruptedException {
        // transactional: the DND registry is not asked, so that the figures are the dialer's own
        campaigns.save(new Campaign("import", "Import", "+917314853246", "1", ZoneId.of("Asia/Kolkata"),
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true));
        // calling 09:00-21:00 in a zone where it is day now; the ineligible leads live where it is night
        campaigns.save(new Campaign("select", "Select", "+917314853246", "1", ZoneId.of(DAY),
                LocalTime.of(9, 0), LocalTime.of(21, 0), true));
        report.append("| measure | value |\n|---|---|\n");

        String csv = csv(100_000, 0);
        long start = System.nanoTime();
        LeadImport.Report imported = leadImport.importCsv("import", new StringReader(csv));
        double importSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(imported.imported()).isEqualTo(100_000);
        row("CSV import of 100,000 leads", "%.1f s (%.0f rows/s)".formatted(importSeconds, 100_000 / importSeconds));

        insertPool(10_000, 0, 0, DAY);
        double[] small = selections("s10k");
        row("selection with 10,000 leads: p50 / p99", "%.2f ms / %.2f ms".formatted(small[0], small[1]));

        insertPool(NIGHT_LEADS, 2_000_000, 50, NIGHT);
        long arrived = System.nanoTime();
        while (leads.summary("select").setAsideByRule().getOrDefault(LeadSelection.OUTSIDE_WINDOW, 0) < NIGHT_LEADS) {
            Thread.sleep(20);
        }
        row("100,000 leads arriving ready where it is night: set aside by the background sweep within",
                "%.0f ms".formatted((System.nanoTime() - arrived) / 1e6));
        double[] smallNight = selections("s10k-night");
        row("selection with 10,000 leads and 100,000 ineligible ranked first: p50 / p99",
                "%.2f ms / %.2f ms".formatted(smallNight[0], smallNight[1]));

        insertPool(890_000, 10_000, 0, DAY);
        double[] largeNight = selections("s1m-night");
        row("selection with 1,000,000 leads, the 100,000 best ranked ineligible: p50 / p99",
                "%.2f ms / %.2f ms".formatted(largeNight[0], largeNight[1]));

        jdbc.sql("delete from lead where campaign_id = 'select' and timezone = ?").param(NIGHT).update();
        insertPool(NIGHT_LEADS, 900_000, 0, DAY);
        double[] large = selections("s1m");
        row("selection with 1,000,000 leads, none ineligible: p50 / p99",
                "%.2f ms / %.2f ms".formatted(large[0], large[1]));
        row("p50 ratio 1M / 10k", "%.2f".formatted(large[0] / small[0]));
        row("p99 ratio with / without 100,000 ineligible ranked first, 1M leads",
                "%.2f".formatted(largeNight[1] / large[1]));

        Path out = Path.of("target", "benchmarks", "lead-rules.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private void row(String measure, String value) {
        report.append("| ").append(measure).append(" | ").append(value).append(" |\n");
    }

    private static String csv(int rows, int offset) {
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone,city\n");
        for (int i = 0; i < rows; i++) {
            csv.append("+9190%08d,Lead %d,,%d,,Pune\n".formatted(offset + i, i, i % 10));
        }
        return csv.toString();
    }

    /** A fixed-offset zone in which the local hour is {@code hour} now. */
    private static String zoneWhereItIs(int hour) {
        int offset = Math.floorMod(hour - ZonedDateTime.now(ZoneOffset.UTC).getHour(), 24);
        return ZoneOffset.ofHours(offset > 12 ? offset - 24 : offset).getId();
    }

    /** Ready pool leads of priority {@code basePriority} + 0..9 in {@code zone}. */
    private void insertPool(int count, int offset, int basePriority, String zone) {
        Instant now = Instant.now();
        List<LeadRepository.NewLead> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new LeadRepository.NewLead("select", null, "+9191%08d".formatted(offset + i), "Lead",
                    basePriority + i % 10, zone, null, List.of(), null));
            if (batch.size() == 10_000) {
                leads.insertAll(batch, now, true);
                batch.clear();
            }
        }
        leads.insertAll(batch, now, true);
    }

    /** p50 and p99 in milliseconds of one selection and reservation, after a warm-up. */
    private double[] selections(String sessionPrefix) {
        double[] millis = new double[SELECTIONS];
        for (int i = -WARM_UP; i < SELECTIONS; i++) {
            long start = System.nanoTime();
            assertThat(selection.reserveNext("select", "nobody", sessionPrefix + i)).isPresent();
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(millis);
        return new double[] {millis[SELECTIONS / 2], millis[SELECTIONS * 99 / 100]};
    }
}
