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
import javax.imageio.ImageIO;

/** The load benchmark as a bar chart: cycles per second of the dialer and of the plain-JDBC floor, per run. */
final class LoadChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final int MARGIN = 60;
    private static final Color DIALER = new Color(0x2f6fb0);
    private static final Color FLOOR = new Color(0xb0b0b0);

    private LoadChart() {
    }

    static void write(List<WebhookLoadBenchmark.Result> results, Path png) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double max = results.stream().mapToDouble(r -> Math.max(r.cycles(), r.floorCycles())).max().orElse(1);
        int plotHeight = HEIGHT - 2 * MARGIN;
        int slot = (WIDTH - 2 * MARGIN) / Math.max(results.size(), 1);
        int bar = slot / 3;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < results.size(); i++) {
            WebhookLoadBenchmark.Result r = results.get(i);
            int x = MARGIN + i * slot + slot / 6;
            bar(g, x, bar, plotHeight, r.cycles() / max, DIALER, "%.0f".formatted(r.cycles()));
            bar(g, x + bar, bar, plotHeight, r.floorCycles() / max, FLOOR, "%.0f".formatted(r.floorCycles()));
            g.setColor(Color.BLACK);
            g.drawString("%,d agents".formatted(r.agents()), x, HEIGHT - MARGIN + 18);
            g.drawString("%,d leads".formatted(r.leads()), x, HEIGHT - MARGIN + 34);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        String database = results.isEmpty() ? "" : results.get(0).database();
        g.drawString("Completed call cycles per second (" + database + "): dialer (blue) and plain-JDBC floor (grey)",
                MARGIN, MARGIN / 2);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void bar(Graphics2D g, int x, int width, int plotHeight, double share, Color color, String label) {
        int height = (int) Math.round(plotHeight * share);
        int top = HEIGHT - MARGIN - height;
        g.setColor(color);
        g.fillRect(x, top, width - 4, height);
        g.setColor(Color.BLACK);
        g.drawString(label, x, top - 4);
    }
}
