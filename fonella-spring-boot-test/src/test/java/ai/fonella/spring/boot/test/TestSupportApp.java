package ai.fonella.spring.boot.test;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.OnFonellaEvent;
import ai.fonella.tool.FonellaTool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** One tool and one event handler: the app the test support's own tests run. */
@SpringBootApplication
class TestSupportApp {

    @Bean
    EchoBeans echoBeans() {
        return new EchoBeans();
    }

    /** Echoes text back and remembers ended calls. */
    static class EchoBeans {
        final List<String> endedCalls = new CopyOnWriteArrayList<>();

        @FonellaTool(description = "Echo the text back")
        public String echo(String text) {
            return text;
        }

        @OnFonellaEvent
        public void ended(CallEndedEvent event) {
            endedCalls.add(event.call().id());
        }
    }
}
