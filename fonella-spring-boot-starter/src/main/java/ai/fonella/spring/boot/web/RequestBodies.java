package ai.fonella.spring.boot.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit, refusing larger ones before they are read in full.
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

    /**
     * Reads the body.
     *
     * @param request the request
     * @param maxBytes the limit
     * @return the raw bytes, exactly as received
     * @throws TooLargeException when the declared or actual length is over the limit
     * @throws IOException when reading fails (client gone, read timeout)
     */
    static byte[] read(HttpServletRequest request, long maxBytes) throws TooLargeException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new TooLargeException();
        }
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new TooLargeException();
            }
            return body;
        }
    }
}
