package ai.fonella.internal;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.kotlin.KotlinModule;

/**
 * {@link KotlinSupport}'s use of {@code jackson-module-kotlin}; loaded only when it is present. Not
 * part of the public API.
 */
final class KotlinJackson {

    private KotlinJackson() {
    }

    static JsonMapper.Builder register(JsonMapper.Builder builder) {
        return builder.addModule(new KotlinModule.Builder().build());
    }
}
