package ai.fonella.samples.orderdesk.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For the demo console: one line per tool invocation (arguments, result, time) and per webhook
 * delivery (type, signature check, handling). The starter itself logs neither payloads nor
 * results, on purpose: they carry personal data. Do not copy this filter into production.
 */
final class FonellaTrafficLog extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FonellaTrafficLog.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_CACHED = 64 * 1024;

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
        ContentCachingRequestWrapper cachedRequest = new ContentCachingRequestWrapper(request, MAX_CACHED);
        ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(response);
        long start = System.nanoTime();
        try {
            chain.doFilter(cachedRequest, cachedResponse);
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (tool) {
                logTool(path.substring(toolsPath.length()), cachedRequest, cachedResponse, millis);
            } else {
                logWebhook(cachedRequest, cachedResponse, millis);
            }
            cachedResponse.copyBodyToResponse();
        }
    }

    private static void logTool(String name, ContentCachingRequestWrapper request,
            ContentCachingResponseWrapper response, long millis) {
        String arguments = request.getQueryString() != null ? "?" + request.getQueryString()
                : request.getContentAsString();
        JsonNode answer = read(response.getContentAsByteArray());
        if (response.getStatus() == 200 && answer != null && answer.path("result").isString()) {
            log.info("tool    {}({}) -> \"{}\"  [{} ms]", name, arguments, answer.get("result").asString(), millis);
        } else {
            log.warn("tool    {} rejected with {}: {}", name, response.getStatus(),
                    answer == null ? "" : answer.path("detail").asString(""));
        }
    }

    private static void logWebhook(ContentCachingRequestWrapper request, ContentCachingResponseWrapper response,
            long millis) {
        JsonNode event = read(request.getContentAsByteArray());
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
