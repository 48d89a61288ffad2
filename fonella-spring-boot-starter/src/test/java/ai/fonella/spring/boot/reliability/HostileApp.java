package ai.fonella.spring.boot.reliability;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The reliability app plus endpoints of its own, which hostile traffic to the SDK must leave alone. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ProbeTools.class, ProbeHandlers.class, HostileApp.OwnEndpoints.class})
public class HostileApp {

    /** The app's own controller. */
    @RestController
    public static class OwnEndpoints {

        @GetMapping("/app/hello")
        public String hello() {
            return "hello";
        }

        @PostMapping("/app/echo")
        public String echo(@RequestBody String body) {
            return body;
        }
    }
}
