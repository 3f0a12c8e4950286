package io.iothubtriage.alert;

/**
 * Shortens untrusted text before it goes into an error message: messages stay on one line and never echo more
 * than a few dozen characters of the input, whatever the input holds (control characters, binary, megabytes).
 */
final class Snippet {
    static final int DEFAULT_MAX = 60;

    private Snippet() {
    }

    /** The text in double quotes, clipped to {@value #DEFAULT_MAX} characters. */
    static String quote(String text) {
        return "\"" + clip(text, DEFAULT_MAX) + "\"";
    }

    /** The text on one line (control characters become spaces), cut to at most {@code max} characters. */
    static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        if (text.length() > out.length()) {
            // never end on half a surrogate pair
            if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
            }
            out.append('…');
        }
        return out.toString();
    }
}
