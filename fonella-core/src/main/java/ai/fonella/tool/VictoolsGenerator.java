package ai.fonella.tool;

import ai.fonella.internal.KotlinSupport;
import ai.fonella.internal.Types;
import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one victools configuration for tool schemas. Not part of the public API.
 *
 * <p>Draft 2020-12 vocabulary without {@code $schema}; fields only (no getters or other methods);
 * objects closed with {@code additionalProperties: false}; {@code Map<String, T>} as
 * {@code additionalProperties}; standard formats for UUID and java.time types; plain definition keys
 * under {@code $defs}; properties in declaration order; required and description rules as for method
 * parameters; nothing nullable.
 */
final class VictoolsGenerator {

    private VictoolsGenerator() {
    }

    /**
     * Builds a generator. Expensive: build one and reuse it.
     *
     * @param mapper the mapper whose enum serialization defines enum values
     * @return the generator
     */
    public static SchemaGenerator create(JsonMapper mapper) {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON);
        builder.without(Option.SCHEMA_VERSION_INDICATOR, Option.FLATTENED_ENUMS, Option.FLATTENED_SUPPLIERS,
                Option.VALUES_FROM_CONSTANT_FIELDS);
        builder.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                Option.STANDARD_FORMATS, Option.PLAIN_DEFINITION_KEYS);
        builder.without(Option.FLATTENED_OPTIONALS);

        // registered before any module, so these win where several resolvers answer
        builder.forTypesInGeneral()
                .withCustomDefinitionProvider(new FixedTypeDefinitions(mapper))
                .withPropertySorter(new DeclarationOrder());
        builder.forFields()
                .withNullableCheck(field -> Boolean.FALSE)
                .withTargetTypeOverridesResolver(VictoolsGenerator::unwrapOptional)
                .withRequiredCheck(VictoolsGenerator::isRequired)
                .withPropertyNameOverrideResolver(field -> {
                    ToolParam toolParam = toolParam(field);
                    return toolParam == null ? null : Annotations.text(toolParam.name());
                })
                .withDescriptionResolver(field -> {
                    ToolParam toolParam = toolParam(field);
                    return toolParam == null ? null : Annotations.text(toolParam.description());
                });
        builder.forMethods().withNullableCheck(method -> Boolean.FALSE);

        builder.with(new JacksonSchemaModule());
        if (JakartaSupport.PRESENT) {
            JakartaSupport.register(builder);
        }
        return new SchemaGenerator(builder.build());
    }

    /** An {@code Optional<T>} field is described as {@code T} (and is not required). */
    private static List<ResolvedType> unwrapOptional(FieldScope field) {
        ResolvedType type = field.getType();
        Class<?> raw = type.getErasedType();
        if (raw == Optional.class) {
            List<ResolvedType> arguments = type.getTypeParameters();
            return arguments.isEmpty() ? null : List.of(arguments.get(0));
        }
        if (raw == OptionalInt.class) {
            return List.of(field.getContext().resolve(int.class));
        }
        if (raw == OptionalLong.class) {
            return List.of(field.getContext().resolve(long.class));
        }
        if (raw == OptionalDouble.class) {
            return List.of(field.getContext().resolve(double.class));
        }
        return null;
    }

    private static ToolParam toolParam(FieldScope field) {
        if (field.isFakeContainerItemScope()) {
            return null;
        }
        return field.getAnnotationConsideringFieldAndGetterIfSupported(ToolParam.class);
    }

    /**
     * Required unless {@code @ToolParam(required = OPTIONAL)}, an {@code Optional} type or a
     * {@code @Nullable} annotation on the field, its getter or its record component.
     */
    private static boolean isRequired(FieldScope field) {
        if (field.isFakeContainerItemScope()) {
            return false;
        }
        ToolParam toolParam = toolParam(field);
        ToolParam.Requirement requirement = toolParam == null ? ToolParam.Requirement.INFER : toolParam.required();
        if (requirement != ToolParam.Requirement.INFER) {
            return requirement == ToolParam.Requirement.REQUIRED;
        }
        Field raw = field.getRawMember();
        if (Types.isOptional(raw.getType())) {
            return false;
        }
        Boolean kotlinOptional = KotlinSupport.optionalProperty(raw);
        if (kotlinOptional != null) {
            return !kotlinOptional; // String? or a default value in the primary constructor
        }
        if (Annotations.isNullable(raw, raw.getAnnotatedType())) {
            return false;
        }
        MethodScope getter = field.findGetter();
        if (getter != null && Annotations.isNullable(getter.getRawMember(),
                getter.getRawMember().getAnnotatedReturnType())) {
            return false;
        }
        Class<?> owner = raw.getDeclaringClass();
        if (owner.isRecord()) {
            for (RecordComponent component : owner.getRecordComponents()) {
                if (component.getName().equals(raw.getName())
                        && Annotations.isNullable(component, component.getAnnotatedType())) {
                    return false;
                }
            }
        }
        return true;
    }
}
