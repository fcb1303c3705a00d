package io.progressivedialer.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * Dial-whom latency against offered load, one line per database and percentile (p50 dashed, p99 solid), each point
 * the median of its runs; the 50 ms goal as a grey line.
 */
final class LoadChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 460;
    private static final int MARGIN = 70;
    private static final Map<String, Color> COLORS = Map.of("h2", new Color(0x2f6fb0), "postgresql",
            new Color(0xc0504d));

    private LoadChart() {
    }

    static void write(List<CallCycleBenchmark.Run> runs, Path png) throws IOException {
        Map<String, Map<Double, List<CallCycleBenchmark.Run>>> byDatabase = runs.stream().collect(Collectors.groupingBy(
                CallCycleBenchmark.Run::database, TreeMap::new,
                Collectors.groupingBy(CallCycleBenchmark.Run::offered, TreeMap::new, Collectors.toList())));
        double maxRate = runs.stream().mapToDouble(CallCycleBenchmark.Run::offered).max().orElse(1) * 1.1;
        double maxLatency = Math.max(60, runs.stream().mapToDouble(r -> r.percentile("dial-whom", 99)).max()
                .orElse(60) * 1.1);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        axes(g, maxRate, maxLatency);
        int legend = 0;
        for (var database : byDatabase.entrySet()) {
            for (double percentile : new double[] {50, 99}) {
                g.setColor(COLORS.getOrDefault(database.getKey(), Color.DARK_GRAY));
                g.setStroke(percentile == 50 ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
                        new float[] {6, 4}, 0) : new BasicStroke(2));
                int[] previous = null;
                for (var point : database.getValue().entrySet()) {
                    double latency = median(point.getValue().stream()
                            .mapToDouble(r -> r.percentile("dial-whom", percentile)).sorted().toArray());
                    int[] xy = {x(point.getKey(), maxRate), y(latency, maxLatency)};
                    g.fillOval(xy[0] - 3, xy[1] - 3, 6, 6);
                    if (previous != null) {
                        g.drawLine(previous[0], previous[1], xy[0], xy[1]);
                    }
                    previous = xy;
                }
                g.drawLine(WIDTH - MARGIN - 190, MARGIN + 14 + legend * 18, WIDTH - MARGIN - 160, MARGIN + 14 + legend * 18);
                g.setColor(Color.BLACK);
                g.drawString(database.getKey() + " p" + (int) percentile, WIDTH - MARGIN - 150, MARGIN + 18 + legend * 18);
                legend++;
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString("Dial-whom latency (ms, from intended send time) against offered call cycles per second",
                MARGIN, MARGIN / 2);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void axes(Graphics2D g, double maxRate, double maxLatency) {
        g.setColor(Color.BLACK);
        g.drawLine(MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN);
        g.drawLine(MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN);
        for (int i = 0; i <= 5; i++) {
            double rate = maxRate * i / 5;
            double latency = maxLatency * i / 5;
            g.drawString("%.0f".formatted(rate), x(rate, maxRate) - 8, HEIGHT - MARGIN + 16);
            g.drawString("%.0f".formatted(latency), MARGIN - 40, y(latency, maxLatency) + 4);
        }
        g.drawString("cycles/s offered", WIDTH / 2 - 40, HEIGHT - MARGIN + 36);
        g.setColor(Color.GRAY);
        g.drawLine(MARGIN, y(50, maxLatency), WIDTH - MARGIN, y(50, maxLatency));
        g.drawString("50 ms", WIDTH - MARGIN + 4, y(50, maxLatency) + 4);
    }

    private static int x(double rate, double maxRate) {
        return MARGIN + (int) Math.round((WIDTH - 2 * MARGIN) * rate / maxRate);
    }

    private static int y(double latency, double maxLatency) {
        return HEIGHT - MARGIN - (int) Math.round((HEIGHT - 2 * MARGIN) * Math.min(latency, maxLatency) / maxLatency);
    }

    static double median(double[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
