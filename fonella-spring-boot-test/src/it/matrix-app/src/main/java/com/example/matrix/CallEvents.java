package com.example.matrix;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.OnFonellaEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Remembers every ended call it is given, once per delivery it handles. */
@Component
public class CallEvents {

    /** The ids of the ended calls, in the order they were handled (duplicates show a missed dedupe). */
    public final List<String> ended = new CopyOnWriteArrayList<>();

    /** The names of the threads the handler ran on. */
    public final List<String> threads = new CopyOnWriteArrayList<>();

    @OnFonellaEvent
    public void onEnded(CallEndedEvent event) {
        threads.add(Thread.currentThread().toString());
        ended.add(event.call().id());
    }
}
