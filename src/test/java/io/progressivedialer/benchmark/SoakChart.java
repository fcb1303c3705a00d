package io.progressivedialer.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The soaks side by side, per tenth of their run: on the left CPU per cycle (the dialer's solid, PostgreSQL's
 * dashed), on the right dial-whom's p99; one colour per database.
 */
final class SoakChart {

    private static final int PANEL = 460;
    private static final int HEIGHT = 400;
    private static final int MARGIN = 60;
    private static final Map<String, Color> COLORS = Map.of("h2", new Color(0x2f6fb0), "postgresql",
            new Color(0xc0504d));
    private static final BasicStroke SOLID = new BasicStroke(2);
    private static final BasicStroke DASHED = new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
            new float[] {6, 4}, 0);

    private SoakChart() {
    }

    /** Draws every {@code soak-<db>.tsv} in {@code directory}. */
    static void write(Path directory, Path png) throws IOException {
        Map<String, List<double[]>> soaks = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("soak-.*\\.tsv")).toList()) {
                String database = file.getFileName().toString().replaceAll("soak-(.*)\\.tsv", "$1");
                soaks.put(database, Files.readAllLines(file).stream().filter(line -> !line.isBlank())
                        .map(line -> Stream.of(line.split("\t")).mapToDouble(Double::parseDouble).toArray()).toList());
            }
        }
        double maxCpu = soaks.values().stream().flatMap(List::stream).mapToDouble(r -> Math.max(r[1], r[2])).max()
                .orElse(1) * 1.2;
        double maxLatency = Math.max(60, soaks.values().stream().flatMap(List::stream).mapToDouble(r -> r[3]).max()
                .orElse(60) * 1.2);
        BufferedImage image = new BufferedImage(2 * PANEL, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 2 * PANEL, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        panel(g, 0, "CPU ms per cycle (dialer solid, PostgreSQL dashed)", maxCpu);
        panel(g, PANEL, "dial-whom p99 ms", maxLatency);
        int legend = 0;
        for (var soak : soaks.entrySet()) {
            Color color = COLORS.getOrDefault(soak.getKey(), Color.DARK_GRAY);
            line(g, 0, soak.getValue(), 1, maxCpu, color, SOLID);
            if (soak.getValue().stream().anyMatch(r -> r[2] > 0)) {
                line(g, 0, soak.getValue(), 2, maxCpu, color, DASHED);
            }
            line(g, PANEL, soak.getValue(), 3, maxLatency, color, SOLID);
            g.setColor(color);
            g.fillRect(2 * PANEL - 140, MARGIN + legend * 18, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(soak.getKey(), 2 * PANEL - 122, MARGIN + 10 + legend * 18);
            legend++;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void panel(Graphics2D g, int left, String title, double max) {
        g.setColor(Color.BLACK);
        g.drawLine(left + MARGIN, HEIGHT - MARGIN, left + PANEL - 20, HEIGHT - MARGIN);
        g.drawLine(left + MARGIN, MARGIN, left + MARGIN, HEIGHT - MARGIN);
        for (int tenth = 1; tenth <= 10; tenth++) {
            g.drawString(Integer.toString(tenth), x(left, tenth) - 4, HEIGHT - MARGIN + 16);
        }
        for (int i = 0; i <= 5; i++) {
            g.drawString("%.0f".formatted(max * i / 5), left + MARGIN - 36, y(max * i / 5, max) + 4);
        }
        g.drawString("tenth of the run", left + PANEL / 2 - 40, HEIGHT - MARGIN + 34);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, left + MARGIN, MARGIN / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    private static void line(Graphics2D g, int left, List<double[]> rows, int column, double max, Color color,
                             BasicStroke stroke) {
        g.setColor(color);
        g.setStroke(stroke);
        int[] previous = null;
        for (double[] row : rows) {
            int[] xy = {x(left, row[0]), y(row[column], max)};
            g.fillOval(xy[0] - 3, xy[1] - 3, 6, 6);
            if (previous != null) {
                g.drawLine(previous[0], previous[1], xy[0], xy[1]);
            }
            previous = xy;
        }
        g.setStroke(SOLID);
    }

    private static int x(int left, double tenth) {
        return left + MARGIN + (int) Math.round((PANEL - MARGIN - 40) * (tenth - 0.5) / 10);
    }

    private static int y(double value, double max) {
        return HEIGHT - MARGIN - (int) Math.round((HEIGHT - 2 * MARGIN) * Math.min(value, max) / max);
    }
}
