package ai.fonella.test;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the emulator saw and did, for assertions. Thread-safe; accessors return snapshots. */
final class Recorder {

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<RecordedDelivery> deliveries = new ArrayList<>();
    private final List<RecordedToolInvocation> invocations = new ArrayList<>();

    synchronized void request(RecordedRequest request) {
        requests.add(request);
    }

    synchronized void delivery(RecordedDelivery delivery) {
        deliveries.add(delivery);
    }

    synchronized void invocation(RecordedToolInvocation invocation) {
        invocations.add(invocation);
    }

    synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized List<RecordedDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized List<RecordedToolInvocation> invocations() {
        return List.copyOf(invocations);
    }

    synchronized void clear() {
        requests.clear();
        deliveries.clear();
        invocations.clear();
    }
}
