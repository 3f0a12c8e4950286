package io.iothubtriage.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @Test
    void whitespaceIsTheJdksForEveryCharAndStrippingAgreesWithStripTrailing() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            assertThat(Texts.isWhitespace((char) c)).as("U+%04X", c).isEqualTo(Character.isWhitespace((char) c));
        }
        java.util.Random random = new java.util.Random(20261205);
        char[] pool = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u0085', '\u00A0', '\u1680', '\u2007',
                '\u2009', '\u2028', '\u202F', '\u3000', 'a', '…', '−', '\uD83D', '\uDE00', 'é'};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(8);
            for (int k = 0; k < n; k++) {
                s.append(pool[random.nextInt(pool.length)]);
            }
            assertThat(Texts.stripTrailing(s.toString())).isEqualTo(s.toString().stripTrailing());
        }
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String s = "ab😀cd"; // 😀 is two UTF-16 units
        assertThat(Texts.truncate(s, 4)).isEqualTo("ab…");
        assertThat(Texts.truncate(s, 5)).isEqualTo("ab😀…");
        assertThat(Texts.truncate(s, 6)).isEqualTo(s);
        for (int max = 0; max <= s.length(); max++) {
            String t = Texts.truncate(s, max);
            assertThat(t.length()).isLessThanOrEqualTo(max);
            assertThat(t.codePoints().noneMatch(cp -> Character.isSurrogate((char) cp))).isTrue();
        }
    }

    @Test
    void slackEscapingIsCutBetweenEscapesNotInside() {
        assertThat(SlackText.escapeFit("a<b", 10)).isEqualTo("a&lt;b");
        assertThat(SlackText.escapeFit("a&b&c", 6)).isEqualTo("a…");
        assertThat(SlackText.escapeFit("x😀😀", 4)).isEqualTo("x😀…");
    }

    @Test
    void fitLinesKeepsWholeLinesAndCountsTheRest() {
        String s = SlackText.fitLines("*T*", List.of("1234567890", "abcdefghij", "KLMNOPQRST"), 10, 30,
                n -> "and " + n + " more");
        assertThat(s).isEqualTo("*T*\n1234567890\nand 2 more");
        assertThat(SlackText.fitLines("*T*", List.of("a", "b", "c"), 2, 3000, n -> "and " + n + " more"))
                .isEqualTo("*T*\na\nb\nand 1 more");
    }

    @Test
    void numbersTimesAndDurations() {
        assertThat(Texts.count(1204)).isEqualTo("1,204");
        assertThat(Texts.count(611.0)).isEqualTo("611");
        assertThat(Texts.count(713.2)).as("a per-minute average is shown as whole devices").isEqualTo("713");
        assertThat(Texts.count(997.6)).isEqualTo("998");
        assertThat(Texts.span(Instant.parse("2026-11-26T10:15:00Z"), Instant.parse("2026-11-26T10:50:00Z")))
                .isEqualTo("2026-11-26 10:15–10:50 UTC");
        assertThat(Texts.span(Instant.parse("2026-11-26T23:50:00Z"), Instant.parse("2026-11-27T00:20:00Z")))
                .isEqualTo("2026-11-26 23:50–2026-11-27 00:20 UTC");
        assertThat(Texts.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(Texts.duration(Duration.ofMinutes(42))).isEqualTo("42 min");
        assertThat(Texts.duration(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
        assertThat(Texts.duration(Duration.ofHours(52))).isEqualTo("2 d 4 h");
    }

    private static final List<String> AWKWARD = List.of("", " ", "one", "  two  words ", "a\tb\nc\r\nd\u000Be\ff",
            "\u0001 control at the ends \u0002", "no-break\u00A0space and\u2003em space", "\u2003 stripped \u2003",
            "https://portal.azure.com/#@/resource/x  then   text", "ab😀cd  😀", "\n\n");

    @Test
    void oneLineCollapsesWhitespaceAsTheRegexDid() {
        for (String s : AWKWARD) {
            assertThat(Texts.oneLine(s)).as("%s", s).isEqualTo(s.replaceAll("\\s+", " ").trim());
        }
        assertThat(Texts.oneLine(" a\n\tb  c ")).isEqualTo("a b c");
    }

    @Test
    void oneLinesQuickPathAgreesWithTheRegexOnRandomTexts() {
        // short texts over an alphabet of letters, spaces, every kind of \s and controls: the quick path (text
        // returned as it is) and the collapsing path must both give what the regex gives
        String alphabet = "ab  \t\n\r\u000B\f\u0001\u001F\u00A0\u2003é";
        java.util.Random random = new java.util.Random(5);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            assertThat(Texts.oneLine(s)).as("%s", s.chars().boxed().toList())
                    .isEqualTo(s.replaceAll("\\s+", " ").trim());
        }
    }

    @Test
    void wordsAreTheRegexSplitWithoutEmptyOnes() {
        for (String s : AWKWARD) {
            List<String> expected = java.util.Arrays.stream(s.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
            assertThat(Texts.words(s)).as("%s", s).isEqualTo(expected);
        }
        assertThat(Texts.words(" 282 devices\nbehind  203.0.113.XXX ")).containsExactly("282", "devices", "behind",
                "203.0.113.XXX");
    }
}
