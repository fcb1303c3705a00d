package io.progressivedialer.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.lead.Campaign;
import io.progressivedialer.lead.CampaignRepository;
import io.progressivedialer.lead.LeadImport;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.lead.LeadSelection;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Lead import and lead selection at size, on H2: a 100,000-row CSV import, and the latency of one selection
 * (candidates, lead-selection table, atomic reservation) with 10,000 and then 1,000,000 leads in the campaign.
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

    @Autowired
    CampaignRepository campaigns;
    @Autowired
    LeadImport leadImport;
    @Autowired
    LeadRepository leads;
    @Autowired
    LeadSelection selection;

    private final StringBuilder report = new StringBuilder();

    @Test
    void importAndSelectionAtSize() throws IOException {
        // transactional: the DND registry is not asked, so that the figures are the dialer's own
        campaigns.save(new Campaign("import", "Import", "+917314853246", "1", ZoneId.of("Asia/Kolkata"),
                LocalTime.MIDNIGHT, LocalTime.of(23, 59), true));
        campaigns.save(new Campaign("select", "Select", "+917314853246", "1", ZoneId.of("Asia/Kolkata"),
                LocalTime.MIDNIGHT, LocalTime.of(23, 59), true));
        report.append("| measure | value |\n|---|---|\n");

        String csv = csv(100_000, 0);
        long start = System.nanoTime();
        LeadImport.Report imported = leadImport.importCsv("import", new StringReader(csv));
        double importSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(imported.imported()).isEqualTo(100_000);
        row("CSV import of 100,000 leads", "%.1f s (%.0f rows/s)".formatted(importSeconds, 100_000 / importSeconds));

        insertPool(10_000, 0);
        double[] small = selections("s10k");
        row("selection with 10,000 leads: p50 / p99", "%.2f ms / %.2f ms".formatted(small[0], small[1]));

        insertPool(990_000, 10_000);
        double[] large = selections("s1m");
        row("selection with 1,000,000 leads: p50 / p99", "%.2f ms / %.2f ms".formatted(large[0], large[1]));
        row("p50 ratio 1M / 10k", "%.2f".formatted(large[0] / small[0]));

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

    private void insertPool(int count, int offset) {
        Instant now = Instant.now();
        List<LeadRepository.NewLead> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new LeadRepository.NewLead("select", null, "+9191%08d".formatted(offset + i), "Lead", i % 10,
                    null, null, List.of(), null));
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
