package io.progressivedialer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules shipped in ops/prometheus are valid, and each fires on the series that should raise it
 * (their cases in dialer-alerts.test.yml), as Prometheus's own promtool judges them. Without promtool the check is
 * skipped with a line saying how to install it, unless -Dpromtool.required=true (as CI sets it) makes its absence a
 * failure.
 */
class AlertRulesTest {

    private static final Path RULES = Path.of("ops", "prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final String INSTALL = "The alert rules are checked with promtool: install it with "
            + "'sudo apt-get install prometheus'";

    private static String promtool(String... arguments) throws IOException, InterruptedException {
        if (!Files.isExecutable(PROMTOOL)) {
            if (Boolean.getBoolean("promtool.required")) {
                throw new IllegalStateException(INSTALL + " (promtool.required is set)");
            }
            System.out.println("AlertRulesTest skipped. " + INSTALL + ".");
            Assumptions.abort(INSTALL);
        }
        String[] command = new String[arguments.length + 1];
        command[0] = PROMTOOL.toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void theRulesAreValid() throws Exception {
        assertThat(promtool("check", "rules", "dialer-alerts.yml")).contains("SUCCESS: 7 rules found");
    }

    @Test
    void eachAlertFiresOnTheSeriesThatShouldRaiseIt() throws Exception {
        assertThat(promtool("test", "rules", "dialer-alerts.test.yml")).contains("SUCCESS");
    }
}
