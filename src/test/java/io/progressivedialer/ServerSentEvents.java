package io.progressivedialer;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a Server-Sent Events stream in a daemon thread, handing on each event's name and data as it comes. */
public final class ServerSentEvents {

    /** What to do with one event; may fail, which ends the reading as the stream closing does. */
    public interface Handler {
        void event(String name, String data) throws Exception;
    }

    private ServerSentEvents() {
    }

    /** Reads {@code stream} until it closes, then runs {@code closed}; a failure ends it silently (the test is over). */
    public static void read(InputStream stream, Handler handler, Runnable closed) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String name = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        handler.event(name, line.substring(5));
                    }
                }
                closed.run();
            } catch (Exception over) {
                // the test is over
            }
        });
        reader.setDaemon(true);
        reader.start();
    }
}
