package ai.fonella.model;

/**
 * One message of a call transcript.
 *
 * @param role who spoke: {@code user} (the caller), {@code assistant}, or another role the API adds
 * @param text what was said
 */
public record TranscriptMessage(String role, String text) {

    /** The caller. */
    public static final String ROLE_USER = "user";

    /** The AI assistant. */
    public static final String ROLE_ASSISTANT = "assistant";
}
