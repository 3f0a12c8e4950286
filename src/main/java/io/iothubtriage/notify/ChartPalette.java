package io.iothubtriage.notify;

import io.iothubtriage.evidence.CauseFamily;

/**
 * The HTML report's colours. Every colour that carries meaning has at least 3:1 contrast against the white page
 * (WCAG 2.1, 1.4.11 non-text contrast) and every text colour at least 4.5:1 against its background (1.4.3);
 * ChartPaletteTest computes the ratios. Families are also named in the legend and the tables, never by colour alone.
 */
final class ChartPalette {
    static final String PAGE = "#ffffff";
    static final String TEXT = "#1f2937";
    static final String MUTED = "#4b5563";
    static final String LINK = "#1d4ed8";
    static final String GRID = "#d1d5db";
    static final String CONNECTED = "#0f172a";
    static final String THRESHOLD = "#b91c1c";
    static final String BASELINE = "#475569";
    static final String ALERT = "#1f2937";
    static final String HEALTH = "#9a3412";
    static final String CHANGE = "#6d28d9";
    /** Errors of a minute the source did not split by family. */
    static final String UNSPLIT = "#6b7280";
    static final String BADGE_TEXT = "#ffffff";
    static final String BADGE = "#1f2937";

    private ChartPalette() {
    }

    static String family(CauseFamily f) {
        return switch (f) {
            case AUTHENTICATION -> "#c2410c";
            case NETWORK_OR_KEEPALIVE -> "#1d4ed8";
            case DUPLICATE_CONNECTION -> "#7e22ce";
            case SERVICE_TRANSIENT -> "#a16207";
            case PLATFORM_CHANGE -> "#0f766e";
            case THROTTLING_OR_QUOTA -> "#be185d";
            case OTHER -> "#44403c";
        };
    }
}
