package io.iothubtriage.notify;

import io.iothubtriage.evidence.CauseFamily;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** WCAG 2.1 contrast of the HTML report's colours, computed with the standard's relative-luminance formula. */
class ChartPaletteTest {

    @Test
    void everyFamilyColourHasNonTextContrastOnThePageAndTheFamiliesDiffer() {
        Set<String> seen = new HashSet<>();
        for (CauseFamily f : CauseFamily.values()) {
            String c = ChartPalette.family(f);
            assertThat(contrast(c, ChartPalette.PAGE)).as(f + " " + c).isGreaterThanOrEqualTo(3.0);
            assertThat(seen.add(c)).as("colour of " + f + " is used twice").isTrue();
        }
    }

    @Test
    void chartLinesAndMarkersHaveNonTextContrast() {
        for (String c : new String[]{ChartPalette.CONNECTED, ChartPalette.THRESHOLD, ChartPalette.BASELINE,
                ChartPalette.ALERT, ChartPalette.HEALTH, ChartPalette.CHANGE, ChartPalette.UNSPLIT}) {
            assertThat(contrast(c, ChartPalette.PAGE)).as(c).isGreaterThanOrEqualTo(3.0);
        }
    }

    @Test
    void textColoursMeetAaForBodyText() {
        assertThat(contrast(ChartPalette.TEXT, ChartPalette.PAGE)).isGreaterThanOrEqualTo(4.5);
        assertThat(contrast(ChartPalette.MUTED, ChartPalette.PAGE)).isGreaterThanOrEqualTo(4.5);
        assertThat(contrast(ChartPalette.LINK, ChartPalette.PAGE)).isGreaterThanOrEqualTo(4.5);
        assertThat(contrast(ChartPalette.BADGE_TEXT, ChartPalette.BADGE)).isGreaterThanOrEqualTo(4.5);
        // The numbered badges: white digits on each marker colour.
        for (ChartMarker.Kind k : ChartMarker.Kind.values()) {
            assertThat(contrast(ChartPalette.BADGE_TEXT, k.colour())).as(k.name()).isGreaterThanOrEqualTo(4.5);
        }
        // The threshold label is text drawn in the threshold colour.
        assertThat(contrast(ChartPalette.THRESHOLD, ChartPalette.PAGE)).isGreaterThanOrEqualTo(4.5);
    }

    @Test
    void theFormulaMatchesKnownRatios() {
        assertThat(contrast("#000000", "#ffffff")).isCloseTo(21.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(contrast("#777777", "#ffffff")).isCloseTo(4.48, org.assertj.core.data.Offset.offset(0.01));
        assertThat(contrast("#ffffff", "#ffffff")).isEqualTo(1.0);
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel((rgb >> 16) & 0xff) + 0.7152 * channel((rgb >> 8) & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int v) {
        double c = v / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
