package ai.fonella.tool;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns Jackson binding failures into messages the assistant can act on, naming the argument and
 * the expected kind of value, never the value itself. Not part of the public API.
 */
final class ArgumentMessages {

    private ArgumentMessages() {
    }

    /**
     * The arguments are not a JSON value, in words a caller can act on: where the text stops being
     * JSON, a repeated property, or a limit exceeded. Never a library class or feature name.
     *
     * @param cause the parse failure
     * @return the exception
     */
    static ToolArgumentException notJson(JacksonException cause) {
        String original = cause.getOriginalMessage() == null ? "" : cause.getOriginalMessage();
        String message;
        if (original.startsWith("Duplicate Object property") || original.startsWith("Duplicate property")) {
            int open = original.indexOf('"');
            int close = original.indexOf('"', open + 1);
            String name = open >= 0 && close > open ? original.substring(open + 1, close) : "";
            message = "The arguments name the property '" + name + "' twice; send each property once.";
        } else if (cause instanceof StreamConstraintsException) {
            message = "The arguments exceed a size limit (a number, a text or the nesting is too long); send "
                    + "smaller values.";
        } else {
            TokenStreamLocation location = cause.getLocation();
            String where = location == null || location.getLineNr() < 1 ? ""
                    : " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            message = "The arguments are not valid JSON" + where + "; send a JSON object with one property per "
                    + "argument.";
        }
        return new ToolArgumentException(null, message, cause);
    }

    /**
     * The arguments are JSON, but not an object.
     *
     * @param value the value sent
     * @return the exception
     */
    static ToolArgumentException notAnObject(JsonNode value) {
        String kind = switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "not an object";
        };
        return new ToolArgumentException(null, "The arguments must be a JSON object with one property per "
                + "argument, not " + kind + ".", null);
    }

    /**
     * Describes a failure to bind one argument.
     *
     * @param path the argument's path, empty for the whole arguments object
     * @param e the Jackson failure
     * @return the exception
     */
    static ToolArgumentException bindingFailed(String path, JacksonException e) {
        String full = path;
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                full = SchemaCheck.join(full, reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                full = full + "[" + reference.getIndex() + "]";
            }
        }
        if (e instanceof InputCoercionException coercion && !full.isEmpty()) {
            // a number beyond the range of its Java type (the schema states the range, so rarely seen)
            return new ToolArgumentException(full, "The argument '" + full + "' must be "
                    + expected(coercion.getTargetType()) + ".", e);
        }
        if (e instanceof StreamReadException && !(e instanceof MismatchedInputException)) {
            return new ToolArgumentException(full.isEmpty() ? null : full, full.isEmpty()
                    ? "The arguments do not match the tool's parameters."
                    : "The argument '" + full + "' has an invalid value.", e);
        }
        if (full.isEmpty()) {
            return new ToolArgumentException(null, "The arguments do not match the tool's parameters.", e);
        }
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause();
            String reason = cause != null && cause.getMessage() != null && !cause.getMessage().isBlank()
                    ? ": " + cause.getMessage().strip() : ".";
            return new ToolArgumentException(full, "The argument '" + full + "' is invalid" + reason, e);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new ToolArgumentException(full, "The argument '" + full + "' must be "
                    + expected(mismatch.getTargetType()) + ".", e);
        }
        return new ToolArgumentException(full, "The argument '" + full + "' has an invalid value.", e);
    }

    /**
     * A whole number within a range, in words.
     *
     * @param min the least value
     * @param max the greatest value
     * @return e.g. "a whole number from -128 to 127"
     */
    static String wholeNumber(Object min, Object max) {
        return "a whole number from " + min + " to " + max;
    }

    /**
     * What kind of value a type expects, in words.
     *
     * (Enums, dates, times, UUIDs and patterns are refused by the schema check first, in its words.)
     *
     * @param type the target type
     * @return e.g. "a whole number from -128 to 127"
     */
    static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return wholeNumber(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == long.class || type == Long.class) {
            return wholeNumber(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == short.class || type == Short.class) {
            return wholeNumber(Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (type == byte.class || type == Byte.class) {
            return wholeNumber(Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class || type == Number.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type == char.class || type == Character.class) {
            return "a single character";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || ToolParameters.isObjectType(type)) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }
}
