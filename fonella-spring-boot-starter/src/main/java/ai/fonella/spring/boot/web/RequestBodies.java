package ai.fonella.spring.boot.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * Reads a request body up to a limit and within a time that counts from the request's arrival,
 * without holding a request thread while a client is slow.
 *
 * <p>What has already arrived is read at once; a small body sent with its headers, which is how
 * Fonella sends, never waits. The rest is read with the servlet container's non-blocking I/O
 * ({@link ReadListener}): the request thread returns to the pool, and once the body is in, the
 * request is dispatched to the same handler again with the body attached. A body that is not in by
 * {@code fonella.body-read-timeout} after arrival is answered {@code 408} problem+json and its
 * connection closed, whether the client trickles or sends nothing at all; one over the size limit
 * {@code 413}. So a few hundred stalled connections cost the app connections, never threads.
 *
 * <p>The asynchronous read is started with the request and response the handler was given, so that
 * the dispatch after it passes the host app's filters with their wrappers (Spring's
 * {@code ShallowEtagHeaderFilter} needs its own); answers given without that dispatch (408, 413, a
 * refusal while the body arrives) are written to the container's own response, since the filters
 * have finished with the request by then.
 *
 * <p>A container that cannot make the request asynchronous (a filter without async support) reads
 * the rest blocking, checking the time between reads; a read that blocks is then bounded only by the
 * server's own read timeout.
 */
final class RequestBodies {

    private static final Logger log = LoggerFactory.getLogger(RequestBodies.class);

    private static final String ARRIVAL = RequestBodies.class.getName() + ".arrival";
    private static final String BODY = RequestBodies.class.getName() + ".body";
    /** At most this much of a refused body is read before its connection is closed (Tomcat's own default swallow). */
    private static final long MAX_DROPPED = 2 * 1024 * 1024;
    /** At most this long is the rest of a refused body waited for (Apache httpd's lingering close waits 2 s). */
    private static final long LINGER_NANOS = Duration.ofSeconds(2).toNanos();

    private RequestBodies() {
    }

    /**
     * When the Fonella endpoints first saw this request ({@link System#nanoTime()}), kept across the
     * dispatch that follows an asynchronous read, so deadlines count from there.
     *
     * @param request the request
     * @return the arrival time
     */
    static long arrival(HttpServletRequest request) {
        if (request.getAttribute(ARRIVAL) instanceof Long nanos) {
            return nanos;
        }
        long now = System.nanoTime();
        request.setAttribute(ARRIVAL, now);
        return now;
    }

    /**
     * The body, once it is in.
     *
     * @param request the request
     * @param response its response
     * @param maxBytes the size limit
     * @param timeout the longest time from arrival to the last byte
     * @return the raw bytes, exactly as received; {@code null} when there is nothing more to do on
     *     this thread: the request was answered (413, 408, 400), or its body is still arriving and the
     *     request will be dispatched again when it is in
     * @throws IOException when the answer cannot be written
     */
    static byte[] read(HttpServletRequest request, HttpServletResponse response, long maxBytes, Duration timeout)
            throws IOException {
        if (request.getAttribute(BODY) instanceof byte[] received) {
            request.removeAttribute(BODY);
            return received;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            sendUnread(request, response, Problems.tooLarge(maxBytes), timeout);
            return null;
        }
        long deadline = arrival(request) + timeout.toNanos();
        Body body = new Body(maxBytes, declared);
        ServletInputStream in = request.getInputStream();
        try {
            while (!body.complete()) {
                if (in.available() <= 0 && !in.isFinished()) {
                    break; // the rest has not arrived yet
                }
                body.readFrom(in);
            }
            if (body.complete()) {
                return body.bytes();
            }
            if (!request.isAsyncSupported() || request.isAsyncStarted()) {
                return readBlocking(in, body, deadline) ? body.bytes() : tooSlow(request, response, timeout);
            }
        } catch (TooLargeException e) {
            sendUnread(request, response, Problems.tooLarge(maxBytes), timeout);
            return null;
        } catch (IOException e) {
            log.debug("Could not read a request body", e);
            Problems.unreadable().send(closing(request, response));
            return null;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return tooSlow(request, response, timeout);
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        AsyncRead listener = new AsyncRead(async, request, in, body, maxBytes, timeout);
        async.addListener(listener);
        try {
            in.setReadListener(listener);
        } catch (UnsupportedOperationException e) {
            // a mock container without non-blocking reads (MockMvc), where the body is in memory anyway
            async.complete();
            try {
                return readBlocking(in, body, deadline) ? body.bytes() : tooSlow(request, response, timeout);
            } catch (TooLargeException tooLarge) {
                Problems.tooLarge(maxBytes).send(closing(request, response));
                return null;
            }
        }
        return null;
    }

    /**
     * Sends an answer to a request whose body will not be used, at once, and lets go of that body
     * without a thread.
     *
     * <p>With a body pending, the connection (on HTTP/2, the stream) is closed after the answer; on
     * HTTP/1 the answer says so ({@code Connection: close}). Closing it while the body is still
     * arriving makes the kernel reset the connection (HTTP/2: the stream), and a client that writes
     * its whole body before it reads (the JDK's {@code HttpClient} is one) then fails without the
     * answer. So, like a web server's lingering close, what still arrives is read and dropped without
     * blocking, up to {@value #MAX_DROPPED} bytes, for at most 2 s and not past
     * {@code fonella.body-read-timeout} after arrival, and the connection is closed after that. The
     * answer then goes without a length and ends with the connection (the stream): the container stops
     * the request's input once a response has its declared length. A body declared larger than that,
     * or one the client sends only on {@code 100 Continue}, is not waited for: the answer has its
     * length and the connection is closed at once. (Tomcat would otherwise drain the body on the
     * request thread, as slowly as the client likes.)
     *
     * @param request the request
     * @param response its response
     * @param reply the answer
     * @param timeout the longest time from arrival to the last byte
     * @throws IOException when the answer cannot be written
     */
    static void sendUnread(HttpServletRequest request, HttpServletResponse response, Problems.Reply reply,
            Duration timeout) throws IOException {
        long declared = request.getContentLengthLong();
        boolean pending = declared > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || !http1(request) && declared < 0 && !request.getInputStream().isFinished();
        if (!pending || !request.isAsyncSupported() || request.isAsyncStarted()) {
            reply.send(pending ? closing(request, response) : response);
            return; // nothing to let go of, or a container that drains the rest as it always does
        }
        long left = Math.min(LINGER_NANOS, arrival(request) + timeout.toNanos() - System.nanoTime());
        AsyncContext async = request.startAsync();
        async.setTimeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        AsyncRead drain = new AsyncRead(async, request, request.getInputStream(), null, 0, timeout);
        async.addListener(drain);
        try {
            request.getInputStream().setReadListener(drain); // its calls come once this dispatch has returned
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // a body in memory already (a filter's wrapper, MockMvc): answered the ordinary way, through the filters
            reply.send(closing(request, response));
            drain.close();
            return;
        }
        boolean linger = left > 0 && declared <= MAX_DROPPED && request.getHeader(HttpHeaders.EXPECT) == null;
        HttpServletResponse container = closing(request, container(async.getResponse()));
        reply.send(linger ? undelimited(container) : container);
        container.flushBuffer();
        if (!linger) {
            drain.close();
        }
    }

    /**
     * The response, marked as the last on its connection on HTTP/1 (the rest of the body is not read
     * as a next request). HTTP/2 forbids the header, and ends the stream by itself.
     */
    private static HttpServletResponse closing(HttpServletRequest request, HttpServletResponse response) {
        if (http1(request)) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        return response;
    }

    private static boolean http1(HttpServletRequest request) {
        return request.getProtocol().startsWith("HTTP/1");
    }

    /** The container's own response under the filters' wrappers. */
    private static HttpServletResponse container(ServletResponse response) {
        ServletResponse inner = response;
        while (inner instanceof ServletResponseWrapper wrapper) {
            inner = wrapper.getResponse();
        }
        return (HttpServletResponse) inner;
    }

    /**
     * The response, with any length its writer sets ignored: it ends when the connection closes, so
     * that the request's body can still be read after it is sent.
     */
    private static HttpServletResponse undelimited(HttpServletResponse response) {
        return new HttpServletResponseWrapper(response) {
            @Override
            public void setContentLength(int length) {
            }

            @Override
            public void setContentLengthLong(long length) {
            }
        };
    }

    /**
     * Completes a request after an I/O error. The container calls the read listener's
     * {@code onError}, then puts the request in an error state and calls the {@link AsyncListener}s'
     * {@code onError}: one of them must complete it now, even if it was completed before the error
     * state, or the container dispatches to the app's error page, which then fails to write to the
     * closed response and logs a warning for every such request.
     */
    private static void completeAfterError(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException alreadyCompleting) {
            // completed in this error state already
        }
    }

    private static byte[] tooSlow(HttpServletRequest request, HttpServletResponse response, Duration timeout)
            throws IOException {
        Problems.tooSlow(timeout).send(closing(request, response));
        return null;
    }

    private static boolean readBlocking(InputStream in, Body body, long deadline) throws IOException, TooLargeException {
        while (!body.complete()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            body.readFrom(in);
        }
        return true;
    }

    /** The bytes received so far. */
    private static final class Body {

        private final int limit;
        private final long declared;
        private byte[] bytes;
        private int length;
        private boolean ended;

        Body(long maxBytes, long declared) {
            this.limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
            this.declared = declared;
            this.bytes = new byte[(int) Math.min(limit + 1L, declared >= 0 ? declared + 1 : 8192)];
        }

        /** Reads once, which may block when nothing is available. */
        void readFrom(InputStream in) throws IOException, TooLargeException {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit + 1L, bytes.length * 2L));
            }
            int n = in.read(bytes, length, bytes.length - length);
            if (n < 0) {
                ended = true;
                return;
            }
            length += n;
            if (length > limit) {
                throw new TooLargeException();
            }
        }

        boolean complete() {
            return ended || length == declared;
        }

        byte[] bytes() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }

    /**
     * The rest of a body, read as it arrives; answers 408 when the time is up first. Once a request
     * is answered with its body unread (413 here, or any answer from {@link #sendUnread}), it drains:
     * what still arrives is dropped, and the connection is closed when the body is in, after
     * {@value #MAX_DROPPED} bytes, or when the time is up.
     */
    private static final class AsyncRead implements ReadListener, AsyncListener {

        /** Answered or dispatched: nothing more to answer. */
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final ServletInputStream in;
        /** The bytes read so far; {@code null} once the request is answered and its body only drained. */
        private volatile Body body;
        private final long maxBytes;
        private final Duration timeout;
        private long droppable = MAX_DROPPED;

        /**
         * @param body the bytes read so far, or {@code null} for a request already answered, whose
         *     body is only drained
         */
        AsyncRead(AsyncContext async, HttpServletRequest request, ServletInputStream in, Body body, long maxBytes,
                Duration timeout) {
            this.async = async;
            this.request = request;
            // answered on the container's own response: the filters are done with this request
            this.response = container(async.getResponse());
            this.in = in;
            this.body = body;
            this.maxBytes = maxBytes;
            this.timeout = timeout;
            if (body == null) {
                finished.set(true);
            }
        }

        @Override
        public void onDataAvailable() throws IOException {
            Body reading = body;
            if (reading != null) {
                try {
                    while (!reading.complete() && in.isReady()) {
                        reading.readFrom(in);
                    }
                    return;
                } catch (TooLargeException e) {
                    body = null; // drained from now on, and not kept while it is
                    if (!answer(Problems.tooLarge(maxBytes), undelimited(response))) {
                        close();
                        return;
                    }
                }
            }
            byte[] dropped = new byte[8192];
            while (droppable > 0 && in.isReady()) {
                int n = in.read(dropped);
                if (n < 0) {
                    return; // onAllDataRead follows
                }
                droppable -= n;
            }
            if (droppable <= 0) {
                close();
            }
        }

        @Override
        public void onAllDataRead() {
            Body read = body;
            if (read == null) {
                close();
            } else if (finished.compareAndSet(false, true)) {
                request.setAttribute(BODY, read.bytes());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            log.debug("Could not read a request body", failure);
            // the server's own read timeout ends a stalled read as a failure: still a body too slow
            if (answer(failure instanceof java.net.SocketTimeoutException ? Problems.tooSlow(timeout)
                    : Problems.unreadable(), response) || body == null) {
                close();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (answer(Problems.tooSlow(timeout), response) || body == null) {
                close();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            if (finished.get()) {
                // answered (by the read listener's onError) or dispatched with the body already: either
                // way nothing is left to answer, and the request must be completed in this error state
                closed.set(true);
                completeAfterError(async);
            } else {
                onError(event.getThrowable());
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        /** Sends the answer unless there was one; the request stays open until {@link #close()}. */
        private boolean answer(Problems.Reply reply, HttpServletResponse to) {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            try {
                reply.send(closing(request, to));
                to.flushBuffer();
                return true;
            } catch (IOException | RuntimeException e) {
                log.debug("Could not answer a request whose body was not read", e);
                close();
                return false;
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                async.complete();
            }
        }
    }

    /** The body is larger than allowed. */
    private static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super(null, null, false, false);
        }
    }
}
