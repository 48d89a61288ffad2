package ai.fonella.spring.boot.reliability.replicas;

import ai.fonella.event.CallStartedEvent;
import ai.fonella.event.OnFonellaEvent;
import org.springframework.beans.factory.annotation.Value;

/**
 * The handler every instance runs: it records one effect per call (as a CRM entry would be), fails
 * every hundredth call, and on the instance the scenario picks, hangs in the middle of a call until
 * that instance is killed.
 */
public class CallEffects {

    private final String replica;

    public CallEffects(@Value("${replica.name}") String replica) {
        this.replica = replica;
    }

    @OnFonellaEvent
    public void onStarted(CallStartedEvent event) {
        Scenario scenario = Scenario.current;
        long call = scenario.handlerCalls.incrementAndGet();
        if (scenario.hangHere(replica, event.id())) {
            scenario.awaitKill();
            throw new IllegalStateException("instance " + replica + " was killed in the middle of this handler");
        }
        if (call % 100 == 0) {
            scenario.injectedFailures.incrementAndGet();
            throw new IllegalStateException("handler call " + call + " fails on purpose");
        }
        scenario.effect(event.id(), replica);
    }
}
