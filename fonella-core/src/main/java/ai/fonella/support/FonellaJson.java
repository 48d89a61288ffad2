package ai.fonella.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration for the Fonella wire format. Shared by the SDK's modules; see the package documentation.
 *
 * <p>Readers are lenient where the platform may grow (unknown fields and unknown enum values are
 * tolerated) and writers omit {@code null} fields so that partial updates send only what was given.
 */
public final class FonellaJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private FonellaJson() {
    }

    /**
     * The shared, thread-safe mapper for Fonella wire models.
     *
     * @return the mapper
     */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Applies the Fonella wire settings to a builder, so callers can add their own modules on top.
     *
     * @param builder a fresh builder
     * @return the same builder
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                // a number in a tree keeps its value: a schema's bound such as 1E+900 (BigInteger's) is
                // beyond double, which would make it Infinity and write it back as a string
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .changeDefaultPropertyInclusion(incl -> incl
                        .withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL));
    }
}
