package ai.fonella.test;

import java.time.Duration;

/** Formats durations for messages and call logs. */
final class Durations {

    private Durations() {
    }

    /** {@code 5 s} for whole seconds, {@code 300 ms} otherwise. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** {@code m:ss}, or {@code h:mm:ss} from one hour on, as {@code durationFormatted} shows it. */
    static String formatCallDuration(long seconds) {
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long secs = seconds % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, secs) : String.format("%d:%02d", minutes, secs);
    }
}
