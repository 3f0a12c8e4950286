package io.iothubtriage.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Html#text}'s quick path (a text with nothing to change comes back as it is) agrees with the full escaping. */
class HtmlTest {

    @Test
    void everyCharacterAloneAndBetweenLettersIsTreatedAsTheFullEscapingTreatsIt() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String alone = String.valueOf((char) c);
            String between = "a" + (char) c + "b";
            assertThat(Html.text(alone)).as("U+%04X", c).isEqualTo(Html.escaped(alone));
            assertThat(Html.text(between)).as("U+%04X between letters", c).isEqualTo(Html.escaped(between));
        }
    }

    @Test
    void escapesMarkupDropsForbiddenControlsAndKeepsSurrogatePairs() {
        assertThat(Html.text("a & b < c > d \" e ' f")).isEqualTo("a &amp; b &lt; c &gt; d &quot; e &#39; f");
        assertThat(Html.text("x\u0000y\u007Fz\u0085\r\n\t")).isEqualTo("xyz\n\n\t");
        assertThat(Html.text("device 😀 \uD83D alone")).isEqualTo("device 😀 \uFFFD alone");
        assertThat(Html.text("plain text · − é ✓")).isEqualTo("plain text · − é ✓");
        assertThat(Html.text("")).isEmpty();
    }
}
