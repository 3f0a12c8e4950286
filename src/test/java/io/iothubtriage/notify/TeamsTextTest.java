package io.iothubtriage.notify;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TeamsText#escape} is written as two scans for start-up; it must escape exactly what the regular
 * expressions it replaced escaped, for any text: checked against them here on hand-picked edge cases and on
 * 200,000 random strings built from the characters that matter (marks, digits, every kind of white space and line
 * terminator, letters).
 */
class TeamsTextTest {

    private static final Pattern INLINE = Pattern.compile("([\\\\\\[\\]*_~`<>])");
    private static final Pattern LINE_START = Pattern.compile("(?m)^(\\s*)(#|[-+](?=\\s)|\\d+(?=[.)]\\s))");

    /** The regular-expression version, as it was. */
    static String reference(String s) {
        String inline = INLINE.matcher(s).replaceAll("\\\\$1");
        Matcher m = LINE_START.matcher(inline);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String mark = m.group(2);
            String escaped = Character.isDigit(mark.charAt(0)) ? mark + "\\" : "\\" + mark;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + escaped));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Test
    void edgeCasesMatchTheRegularExpressions() {
        String[] cases = {"", "#", "-", "- ", "-x", "+\t", "1.", "1. ", "12) x", "1.x", "a\n#b", "a\r\n- b",
            "a\r- b", "a\r\n\r\n  # h", "\n\n#", "  \n -\n", "x\u2028# y", "x\u2029+ y", "x\u0085# y", "# a\n",
            "a\n", "\\#", "[x](y) *b* _c_ ~d~ `e` <f>", "1)\u000B", "1.\f", "  12. a\n  - b\n  # c", "#\n#\n#",
            "9\n9. 9", "é\n- x", "→ 1. x", "-\n- a", "\r", "\r\n", "\n", "- -", "1. 2. 3.", "a # b - c 1. d"};
        for (String s : cases) {
            assertThat(TeamsText.escape(s)).as("escape(%s)", s.replace("\n", "\\n").replace("\r", "\\r"))
                    .isEqualTo(reference(s));
        }
    }

    @Test
    void randomTextsMatchTheRegularExpressions() {
        char[] alphabet = {' ', ' ', '\t', '\n', '\n', '\r', '\u000B', '\f', '\u0085', '\u2028', '\u2029', '#', '-',
            '+', '.', ')', '0', '1', '9', '*', '_', '[', ']', '\\', '`', '~', '<', '>', 'a', 'Z', 'é', '→', '(', '$'};
        Random random = new Random(42);
        for (int k = 0; k < 200_000; k++) {
            int length = random.nextInt(24);
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = s.toString();
            assertThat(TeamsText.escape(text)).as("escape of %s", text.chars()
                    .mapToObj(c -> String.format("U+%04X", c)).toList()).isEqualTo(reference(text));
        }
    }
}
