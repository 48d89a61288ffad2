package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fonella.client.FonellaClient;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@FonellaEmulatorTest
class EmulatorOnJUnit5Test {

    private final FonellaEmulator classEmulator;

    EmulatorOnJUnit5Test(FonellaEmulator emulator) {
        this.classEmulator = emulator;
    }

    @Test
    void runsOnJUnit5(FonellaEmulator emulator, FonellaClient client) {
        String jupiter = Test.class.getPackage().getImplementationVersion();
        assertTrue(jupiter != null && jupiter.startsWith("5."), "JUnit Jupiter " + jupiter);
        client.tools().create(CreateToolRequest.builder().name("lookupOrder").description("Looks up an order")
                .url(emulator.baseUrl() + "/tools/lookupOrder").build());
        assertEquals(1, client.tools().list().size());
    }

    @Nested
    class InANestedClass {
        @Test
        void sharesTheEmulatorOfItsClass(FonellaEmulator emulator) {
            assertSame(classEmulator, emulator);
        }
    }
}
