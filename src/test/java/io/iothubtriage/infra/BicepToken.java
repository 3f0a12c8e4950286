package io.iothubtriage.infra;

import java.util.List;

/** One lexical token of a Bicep file. Strings keep their literal parts and the tokens of each {@code ${...}} hole. */
record BicepToken(Kind kind, String text, int line, List<StringPart> parts) {

    enum Kind { IDENT, NUMBER, STRING, PUNCT, NEWLINE, EOF }

    /** A piece of a string literal: either literal text or an interpolation hole (then {@code literal} is null). */
    record StringPart(String literal, List<BicepToken> hole) {
        boolean isHole() {
            return hole != null;
        }
    }

    BicepToken {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    static BicepToken of(Kind kind, String text, int line) {
        return new BicepToken(kind, text, line, List.of());
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isPunct(String t) {
        return is(Kind.PUNCT, t);
    }

    boolean isIdent(String t) {
        return is(Kind.IDENT, t);
    }

    /** The string's text when it has no interpolation; holes render as {@code ${...}}. */
    String stringText() {
        StringBuilder out = new StringBuilder();
        for (StringPart part : parts) {
            if (part.isHole()) {
                out.append("${");
                for (BicepToken t : part.hole()) {
                    out.append(t.kind() == Kind.STRING ? "'" + t.stringText() + "'" : t.text());
                }
                out.append('}');
            } else {
                out.append(part.literal());
            }
        }
        return out.toString();
    }

    boolean hasHoles() {
        return parts.stream().anyMatch(StringPart::isHole);
    }
}
