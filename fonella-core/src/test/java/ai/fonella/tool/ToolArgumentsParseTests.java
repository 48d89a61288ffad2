package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link ToolArguments#parse(byte[])}: the one argument reader, as the starter's POST path uses it. */
class ToolArgumentsParseTests {

    public static class Prices {
        @FonellaTool(description = "Echoes an amount")
        public String price(BigDecimal amount, int quantity) {
            return amount.toPlainString() + " x " + quantity;
        }

        @FonellaTool(description = "Adds loyalty points")
        public String bonus(BigInteger points) {
            return points.toString();
        }
    }

    private final ToolInvoker invoker = ToolInvoker.builder().build();
    private final InvocableTool price = invoker.prepare(ToolDefinitions.fromClass(Prices.class).stream()
            .filter(definition -> definition.name().equals("price")).findFirst().orElseThrow(),
            new Prices());

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsEveryDigitOfADecimal() {
        ToolArguments arguments = ToolArguments.parse(utf8("{\"amount\":12345678901234567890.12,\"quantity\":2}"));

        assertThat(invoker.invoke(price, arguments, null).result()).isEqualTo("12345678901234567890.12 x 2");
    }

    @Test
    void readsAnEmptyBodyAsNoArguments() {
        assertThat(invoker.invoke(price, ToolArguments.parse(new byte[0]), null).result())
                .isEqualTo("The argument 'amount' is missing.");
    }

    @Test
    void refusesOverlongAndOtherMalformedUtf8InsteadOfRepairingIt() {
        byte[] overlongSlash = {'{', '"', 'a', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'};
        byte[] loneContinuation = {'{', '"', (byte) 0x80, '"', ':', '1', '}'};
        byte[] encodedSurrogate = {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'};
        for (byte[] body : new byte[][] {overlongSlash, loneContinuation, encodedSurrogate}) {
            assertThatThrownBy(() -> ToolArguments.parse(body)).isInstanceOf(ToolArgumentException.class)
                    .hasMessage("The arguments are not valid UTF-8 text; send the JSON object encoded as UTF-8.")
                    .satisfies(e -> assertThat(((ToolArgumentException) e).argument()).isNull());
        }
    }

    @Test
    void judgesUtf8AsTheJdksStrictDecoderDoesWhereverTheBadByteSits() {
        // the JDK's decoder is the independent judge; ASCII prefixes of every length move each sample
        // across the eight-byte steps of the quick ASCII scan
        java.util.Random random = new java.util.Random(20261206);
        byte[][] samples = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF},
            {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}};
        for (int prefix = 0; prefix < 20; prefix++) {
            for (byte[] sample : samples) {
                for (int suffix : new int[] {0, 3, 9}) {
                    byte[] bytes = new byte[prefix + sample.length + suffix];
                    java.util.Arrays.fill(bytes, (byte) 'a');
                    System.arraycopy(sample, 0, bytes, prefix, sample.length);
                    assertThat(ToolJson.isUtf8(bytes)).as("%s", java.util.Arrays.toString(bytes))
                            .isEqualTo(strictlyDecodes(bytes));
                }
            }
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(24)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(26));
            }
            assertThat(ToolJson.isUtf8(bytes)).as("%s", java.util.Arrays.toString(bytes))
                    .isEqualTo(strictlyDecodes(bytes));
        }
    }

    private static boolean strictlyDecodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void refusesAPropertyRepeatedAtAnyDepth() {
        assertThatThrownBy(() -> ToolArguments.parse(utf8("{\"amount\":1,\"amount\":2}")))
                .hasMessage("The arguments name the property 'amount' twice; send each property once.");
        assertThatThrownBy(() -> ToolArguments.parse(utf8("{\"a\":{\"b\":[{\"c\":1,\"c\":2}]}}")))
                .hasMessage("The arguments name the property 'c' twice; send each property once.");
    }

    @Test
    void refusesWhatIsNotAJsonObjectInWordsWithoutLibraryNames() {
        assertThatThrownBy(() -> ToolArguments.parse(utf8("[1,2]")))
                .hasMessage("The arguments must be a JSON object with one property per argument, not an array.");
        assertThatThrownBy(() -> ToolArguments.parse(utf8("{\"amount\": 1,")))
                .isInstanceOf(ToolArgumentException.class)
                .hasMessageStartingWith("The arguments are not valid JSON (at line 1, column ");
        assertThatThrownBy(() -> ToolArguments.parse(utf8("{\"a\":1} {\"b\":2}")))
                .hasMessageStartingWith("The arguments are not valid JSON");
        assertThatThrownBy(() -> ToolArguments.parse(utf8("{\"a\":" + "1".repeat(2000) + "}")))
                .hasMessage("The arguments exceed a size limit (a number, a text or the nesting is too long); send "
                        + "smaller values.");
        for (String body : new String[] {"[1", "{\"a\":1,\"a\":2}", "{\"a\":" + "1".repeat(2000) + "}", "nul"}) {
            assertThatThrownBy(() -> ToolArguments.parse(utf8(body))).satisfies(e -> assertThat(e.getMessage())
                    .doesNotContain("Jackson", "tools.", "StreamReadConstraints", "Feature", "Exception"));
        }
    }

    @Test
    void doesNotReadOutABigIntegersBoundDigitByDigit() {
        InvocableTool bonus = invoker.prepare(ToolDefinitions.fromClass(Prices.class).stream()
                .filter(definition -> definition.name().equals("bonus")).findFirst().orElseThrow(), new Prices());

        assertThat(invoker.invoke(bonus, ToolArguments.parse(utf8("{\"points\":1e901}")), null).result())
                .isEqualTo("The argument 'points' must be a whole number of at most 900 digits.");
        assertThat(invoker.invoke(bonus, ToolArguments.parse(utf8("{\"points\":" + "9".repeat(900) + "}")), null)
                .result()).isEqualTo("9".repeat(900));
    }

    @Test
    void namesTheArgumentAndTheRangeOfAnOutOfRangeNumber() {
        ToolArguments arguments = ToolArguments.parse(utf8("{\"amount\":1,\"quantity\":12345678901}"));

        assertThat(invoker.invoke(price, arguments, null).result())
                .isEqualTo("The argument 'quantity' must be a whole number from -2147483648 to 2147483647.");
    }
}
