package io.iothubtriage.evidence.azure;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KqlLiteralTest {

    /**
     * Reads a KQL double-quoted string literal the way Kusto's lexer does (backslash escapes) and returns its
     * value and where it ends: the proof that an escaped value cannot leave its literal.
     */
    static String[] lex(String text) {
        assertThat(text).startsWith("\"");
        StringBuilder value = new StringBuilder();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                value.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                return new String[] {value.toString(), text.substring(i + 1)};
            } else {
                value.append(c);
                i++;
            }
        }
        throw new AssertionError("unterminated literal: " + text);
    }

    @Test
    void stringLiteralHoldsExactlyTheValueAndNothingFollowsIt() {
        String[] hostile = {
                "plain",
                "rg\" | union (AzureActivity) | where \"\" == \"",
                "back\\slash\\\" | take 1 //",
                "ends with backslash\\",
                "'single' and \"double\"",
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg(1).x/providers/Microsoft.Devices/IotHubs/h-1"};
        for (String value : hostile) {
            String literal = KqlLiteral.string(value).text();
            String[] lexed = lex(literal);
            assertThat(lexed[0]).as("value of %s", literal).isEqualTo(value);
            assertThat(lexed[1]).as("text after the literal %s", literal).isEmpty();
        }
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(KqlLiteral.string("a\"b\\c").text()).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void controlCharactersAreRefused() {
        assertThatThrownBy(() -> KqlLiteral.string("hub\n| take 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+000A");
        assertThatThrownBy(() -> KqlLiteral.string("x\u2028y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void datetimeLiteralIsIsoUtcToTheMicrosecond() {
        assertThat(KqlLiteral.datetime(Instant.parse("2026-01-15T10:41:00Z")).text())
                .isEqualTo("datetime(2026-01-15T10:41:00Z)");
        assertThat(KqlLiteral.datetime(Instant.parse("2026-01-15T10:41:00.123456789Z")).text())
                .isEqualTo("datetime(2026-01-15T10:41:00.123456Z)");
    }
}
