package ai.fonella.spring.boot.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client library will not do: send a part of a body
 * and stop, trickle it, declare a length it never sends, choose the exact header names.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends the request line and headers, ending the header block. */
    RawHttp head(String method, String path, Map<String, String> headers) throws IOException {
        return send(headBytes(method, path, headers));
    }

    /**
     * Sends a whole request in one write: a server that refuses the head (a header over its limit)
     * answers and closes at once, and a second write would then fail instead of the response being
     * read.
     */
    RawHttp request(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(headBytes(method, path, headers));
        request.write(body);
        return send(request.toByteArray());
    }

    private static byte[] headBytes(String method, String path, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends a chunk of a chunked body. */
    RawHttp chunk(byte[] bytes) throws IOException {
        send((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        send(bytes);
        return send("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Waits for the response.
     *
     * @param timeout how long to wait at most
     * @return the response, or {@code null} when the server closed the connection without one
     * @throws SocketTimeoutException when nothing complete arrived in time
     */
    Response read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            Response response = Response.parse(received.toByteArray(), false);
            if (response != null) {
                return response;
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (java.net.SocketException reset) {
                n = -1;
            }
            if (n < 0) {
                return Response.parse(received.toByteArray(), true);
            }
            received.write(buffer, 0, n);
        }
    }

    /**
     * Waits until what has arrived contains the given text, without waiting for the response to end
     * (one that ends with the connection, say).
     *
     * @return what has arrived
     * @throws SocketTimeoutException when the text did not arrive in time
     */
    String readUntil(String text, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!received.toString(StandardCharsets.UTF_8).contains(text)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("Closed before \"" + text + "\" arrived: " + received.toString(StandardCharsets.UTF_8));
            }
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** Whether the server has closed its side (reads end of stream) within the timeout. */
    boolean closedWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /**
     * Whether the server ends the connection cleanly (end of stream, not a reset) within the timeout,
     * whatever arrives before.
     */
    boolean endsCleanlyWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // what is left of the answer
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A parsed response. */
    record Response(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /**
         * Parses a complete response (Content-Length, chunked, or ended by the connection's close), or
         * returns {@code null}.
         */
        static Response parse(byte[] bytes, boolean closed) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return null;
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            String length = headers.get("content-length");
            if (length != null) {
                int n = Integer.parseInt(length);
                return rest.length < n ? null
                        : new Response(status, headers, new String(rest, 0, n, StandardCharsets.UTF_8));
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                int at = 0;
                while (true) {
                    int lineEnd = indexOf(rest, at);
                    if (lineEnd < 0) {
                        return null;
                    }
                    int size = Integer.parseInt(new String(rest, at, lineEnd - at, StandardCharsets.ISO_8859_1)
                            .split(";")[0].trim(), 16);
                    if (size == 0) {
                        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
                    }
                    if (rest.length < lineEnd + 2 + size + 2) {
                        return null;
                    }
                    body.write(rest, lineEnd + 2, size);
                    at = lineEnd + 2 + size + 2;
                }
            }
            if (!closed && status >= 200 && status != 204 && status != 304) {
                return null; // its body ends with the connection
            }
            return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
        }

        private static int indexOf(byte[] bytes, int from) {
            for (int i = from; i + 1 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
