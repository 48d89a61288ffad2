package ai.fonella.tool;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The Jakarta side of {@link ConstraintViolations}; loaded only when jakarta.validation is present. */
final class JakartaViolations {

    private JakartaViolations() {
    }

    /**
     * The argument failure a constraint violation stands for.
     *
     * @param error a {@code ConstraintViolationException}
     * @return the argument exception, or {@code null} when the error is not a constraint violation
     *     with violations
     */
    static ToolArgumentException asArgumentFailure(Throwable error) {
        ConstraintViolationException violations = (ConstraintViolationException) error;
        if (violations.getConstraintViolations() == null || violations.getConstraintViolations().isEmpty()) {
            return null;
        }
        List<Violation> sorted = violations.getConstraintViolations().stream()
                .map(violation -> new Violation(argument(violation.getPropertyPath()), message(violation)))
                .sorted(Comparator.comparing(Violation::argument).thenComparing(Violation::message))
                .toList();
        String message = sorted.stream()
                .map(JakartaViolations::sentence)
                .distinct()
                .collect(Collectors.joining(" "));
        return new ToolArgumentException(sorted.get(0).argument(), message, error);
    }

    /**
     * The argument a violation is about: the last property of the path after the method node, with
     * the index or key of a container's element ({@code tags[2]}, not Hibernate Validator's
     * {@code <list element>}).
     */
    private static String argument(Path path) {
        String last = null;
        if (path != null) {
            for (Path.Node node : path) {
                if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                    Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                    if (last != null && position != null) {
                        last = last + "[" + position + "]";
                    }
                } else if (node.getName() != null && !node.getName().isEmpty()
                        && node.getKind() != ElementKind.METHOD
                        && node.getKind() != ElementKind.CONSTRUCTOR) {
                    last = node.getName();
                }
            }
        }
        return last == null ? "arguments" : last;
    }

    /**
     * A message written as a sentence ({@code message = "The phone number must be ..."}) is spoken as
     * it is; a fragment such as the default {@code must match "..."} is prefixed with the argument.
     */
    private static String sentence(Violation violation) {
        String message = violation.message();
        if (Character.isUpperCase(message.charAt(0))) {
            return message.matches(".*[.!?]$") ? message : message + ".";
        }
        return "The argument '" + violation.argument() + "' " + message + ".";
    }

    private static String message(ConstraintViolation<?> violation) {
        String message = violation.getMessage();
        return message == null || message.isBlank() ? "is not valid" : message.strip();
    }

    private record Violation(String argument, String message) {
    }
}
