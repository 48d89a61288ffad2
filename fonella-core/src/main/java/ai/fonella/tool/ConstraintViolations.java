package ai.fonella.tool;


/**
 * Recognizes a Jakarta {@code ConstraintViolationException} thrown by a validated tool bean (Spring's
 * {@code @Validated}, for example) and turns it into a {@link ToolArgumentException} whose message
 * the assistant can speak, e.g. "The argument 'phoneNumber' must match "\+[0-9]{7,15}".". This
 * class references no Jakarta type, so it loads without jakarta.validation; {@link JakartaViolations}
 * is touched only when the thrown exception is one. Not part of the public API.
 */
final class ConstraintViolations {

    private static final String EXCEPTION_CLASS = "jakarta.validation.ConstraintViolationException";

    private ConstraintViolations() {
    }

    /**
     * The argument failure a constraint violation stands for.
     *
     * @param error what a tool method threw
     * @return the argument exception, or {@code null} when the error is not a constraint violation
     *     with violations
     */
    public static ToolArgumentException asArgumentFailure(Throwable error) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(EXCEPTION_CLASS)) {
                try {
                    return JakartaViolations.asArgumentFailure(error);
                } catch (LinkageError | ClassCastException otherLoader) {
                    return null; // jakarta.validation of another class loader: report it as a failure
                }
            }
        }
        return null;
    }
}
