package io.progressivedialer.common;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import org.springframework.http.HttpStatus;

/**
 * A request body read as it streams in, up to a size: one that goes further is refused with a 413 before it fills
 * the memory, however its sender announced its length.
 */
public final class BoundedReader extends FilterReader {

    private final long maxChars;
    private final String what;
    private long read;

    public BoundedReader(Reader in, long maxChars, String what) {
        super(in);
        this.maxChars = maxChars;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        count(c < 0 ? 0 : 1);
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
    }

    /** How much has been read so far. */
    public long charactersRead() {
        return read;
    }

    private void count(int n) {
        read += n;
        if (read > maxChars) {
            throw new DialerException(HttpStatus.PAYLOAD_TOO_LARGE, "too-large",
                    what + " is larger than " + maxChars + " characters (dialer.import.max-bytes)");
        }
    }
}
