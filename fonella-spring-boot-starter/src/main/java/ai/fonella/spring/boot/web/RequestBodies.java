package ai.fonella.spring.boot.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;

/**
 * Reads a request body up to a limit and within a time, refusing larger ones before they are read
 * in full and slower ones once the time is up.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The body is larger than allowed. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super(null, null, false, false);
        }
    }

    /** The body did not arrive within the allowed time. */
    static final class TooSlowException extends Exception {
        private static final long serialVersionUID = 1L;

        TooSlowException() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the body.
     *
     * @param request the request
     * @param maxBytes the limit
     * @param timeout the longest time to spend reading; a read that blocks is bounded by the server's own
     *     read timeout, so a trickling client is cut off at most that much later
     * @return the raw bytes, exactly as received
     * @throws TooLargeException when the declared or actual length is over the limit
     * @throws TooSlowException when the body is not complete within the timeout
     * @throws IOException when reading fails (client gone, read timeout)
     */
    static byte[] read(HttpServletRequest request, long maxBytes, Duration timeout)
            throws TooLargeException, TooSlowException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new TooLargeException();
        }
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (InputStream in = request.getInputStream()) {
            byte[] body = new byte[(int) Math.min(limit + 1L, declared >= 0 ? declared + 1 : 8192)];
            int length = 0;
            while (true) {
                if (length == body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(limit + 1L, body.length * 2L));
                }
                int n = in.read(body, length, body.length - length);
                if (n < 0) {
                    return length == body.length ? body : Arrays.copyOf(body, length);
                }
                length += n;
                if (length > limit) {
                    throw new TooLargeException();
                }
                if (length != declared && System.nanoTime() - deadline > 0) {
                    throw new TooSlowException();
                }
            }
        }
    }
}
