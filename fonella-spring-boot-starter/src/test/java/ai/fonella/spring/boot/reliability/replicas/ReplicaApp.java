package ai.fonella.spring.boot.reliability.replicas;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** One instance of the replicated app: a handler whose effects the {@link Scenario} counts. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CallEffects.class)
public class ReplicaApp {
}
