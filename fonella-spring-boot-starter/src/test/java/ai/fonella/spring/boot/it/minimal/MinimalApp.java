package ai.fonella.spring.boot.it.minimal;

import ai.fonella.tool.FonellaTool;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** The smallest app: one annotated method. */
@SpringBootApplication
public class MinimalApp {

    /** Its only tool. */
    @Component
    public static class Weather {
        @FonellaTool(description = "Tell the weather in a city")
        public String weather(String city) {
            return "Sunny in " + city + ".";
        }
    }
}
