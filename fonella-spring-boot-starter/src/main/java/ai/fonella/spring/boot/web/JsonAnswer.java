package ai.fonella.spring.boot.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code 200} with a JSON body that is already serialized, written straight to the servlet
 * response: the answer to every tool call. Unlike {@code ServerResponse.ok().body(bytes)} it builds
 * no header map and looks up no message converter per call (about a quarter of the handler's CPU
 * time under load, see docs/PERFORMANCE.md). When the request was made asynchronous for the call, it
 * is completed once the body is written.
 */
final class JsonAnswer implements ServerResponse {

    private final byte[] json;
    private final AsyncContext async;

    /**
     * @param json the body
     * @param async the asynchronous context to complete after writing, or {@code null}
     */
    JsonAnswer(byte[] json, AsyncContext async) {
        this.json = json;
        this.async = async;
    }

    @Override
    public HttpStatusCode statusCode() {
        return HttpStatus.OK;
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(json.length);
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }

    @Override
    public MultiValueMap<String, Cookie> cookies() {
        return new LinkedMultiValueMap<>();
    }

    @Override
    public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
            throws IOException {
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
            return null;
        } finally {
            if (async != null) {
                async.complete();
            }
        }
    }
}
