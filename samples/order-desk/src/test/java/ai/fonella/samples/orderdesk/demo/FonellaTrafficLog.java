package ai.fonella.samples.orderdesk.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For the demo console: one line per tool invocation (arguments, result, time) and per webhook
 * delivery (type, signature check, handling). The starter itself logs neither payloads nor
 * results, on purpose: they carry personal data. Do not copy this filter into production: it reads
 * each body whole on the request thread before the starter sees it, which takes away the starter's
 * own guard against clients that stall mid-body (a demo talks to the emulator only).
 *
 * <p>Why not {@link ContentCachingRequestWrapper}: its stream reports nothing {@code available()},
 * so the starter reads such a body without blocking, through the container, and handles the request
 * in a second dispatch; a filter that wraps the first dispatch then sees neither body.
 */
final class FonellaTrafficLog extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FonellaTrafficLog.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String toolsPath;
    private final String webhooksPath;

    FonellaTrafficLog(String basePath) {
        this.toolsPath = basePath + "/tools/";
        this.webhooksPath = basePath + "/webhooks";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean tool = path.startsWith(toolsPath);
        if (!tool && !path.equals(webhooksPath)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        HttpServletRequest cachedRequest = new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                return new DelegatingServletInputStream(new ByteArrayInputStream(body));
            }
        };
        ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(response);
        long start = System.nanoTime();
        try {
            chain.doFilter(cachedRequest, cachedResponse);
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (request.isAsyncStarted() && cachedResponse.getContentSize() == 0) {
                // answered later, from another thread, straight to the container's response (a tool's
                // fallback at its deadline); an answer written here sits in the cache even when the
                // request is asynchronous
                log.info("{} answered from another thread  [{} ms so far]", path, millis);
            } else if (tool) {
                String arguments = request.getQueryString() != null ? "?" + request.getQueryString()
                        : new String(body, StandardCharsets.UTF_8);
                logTool(path.substring(toolsPath.length()), arguments, cachedResponse, millis);
            } else {
                logWebhook(body, cachedResponse, millis);
            }
            cachedResponse.copyBodyToResponse();
        }
    }

    private static void logTool(String name, String arguments, ContentCachingResponseWrapper response,
            long millis) {
        JsonNode answer = read(response.getContentAsByteArray());
        if (response.getStatus() == 200 && answer != null && answer.path("result").isString()) {
            log.info("tool    {}({}) -> \"{}\"  [{} ms]", name, arguments, answer.get("result").asString(), millis);
        } else {
            log.warn("tool    {} rejected with {}: {}", name, response.getStatus(),
                    answer == null ? "" : answer.path("detail").asString(""));
        }
    }

    private static void logWebhook(byte[] body, ContentCachingResponseWrapper response, long millis) {
        JsonNode event = read(body);
        String type = event == null ? "?" : event.path("type").asString("?");
        int status = response.getStatus();
        if (status == 401) {
            log.warn("webhook {} REJECTED: signature did not verify (401)", type);
        } else if (status / 100 == 2) {
            log.info("webhook {} signature verified, handled -> {}  [{} ms]", type, status, millis);
        } else {
            log.warn("webhook {} signature verified, handling failed -> {}; Fonella will redeliver", type, status);
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return json.length == 0 ? null : JSON.readTree(json);
        } catch (JacksonException e) {
            return null;
        }
    }
}
