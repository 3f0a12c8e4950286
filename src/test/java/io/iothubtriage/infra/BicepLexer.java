package io.iothubtriage.infra;

import io.iothubtriage.infra.BicepToken.Kind;
import io.iothubtriage.infra.BicepToken.StringPart;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Bicep source into tokens: identifiers, numbers, single-quoted strings (escapes and nested
 * {@code ${...}} interpolation), {@code '''} multi-line strings, punctuation and newlines. Comments are dropped.
 * Unterminated strings, comments and interpolations are reported with their line.
 */
final class BicepLexer {
    private static final String TWO_CHAR_OPS = "== != <= >= && || ?? =~ !~ ::";

    private final String file;
    private final String src;
    private int pos;
    private int line = 1;

    private BicepLexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    static List<BicepToken> tokenize(String file, String src) {
        BicepLexer lexer = new BicepLexer(file, src);
        List<BicepToken> tokens = lexer.run(false);
        tokens.add(BicepToken.of(Kind.EOF, "", lexer.line));
        return tokens;
    }

    /** Lexes until end of input, or (inside an interpolation hole) until the '}' that closes the hole. */
    private List<BicepToken> run(boolean inHole) {
        List<BicepToken> out = new ArrayList<>();
        int braceDepth = 0;
        int holeStartLine = line;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                out.add(BicepToken.of(Kind.NEWLINE, "\n", line));
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new BicepSyntaxException(file, line, "unterminated /* comment");
                }
                line += count(src.substring(pos, end), '\n');
                pos = end + 2;
            } else if (src.startsWith("'''", pos)) {
                out.add(multiLineString());
            } else if (c == '\'') {
                out.add(string());
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                out.add(BicepToken.of(Kind.IDENT, src.substring(start, pos), line));
            } else if (Character.isDigit(c)) {
                int start = pos;
                while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                    pos++;
                }
                out.add(BicepToken.of(Kind.NUMBER, src.substring(start, pos), line));
            } else {
                if (inHole && c == '}' && braceDepth == 0) {
                    pos++;
                    return out;
                }
                if (c == '{') {
                    braceDepth++;
                } else if (c == '}') {
                    braceDepth--;
                }
                String two = pos + 2 <= src.length() ? src.substring(pos, pos + 2) : "";
                if (two.length() == 2 && TWO_CHAR_OPS.contains(two) && !two.contains(" ")) {
                    out.add(BicepToken.of(Kind.PUNCT, two, line));
                    pos += 2;
                } else if ("{}[](),:.?!=@<>+-*/%&|".indexOf(c) >= 0) {
                    out.add(BicepToken.of(Kind.PUNCT, String.valueOf(c), line));
                    pos++;
                } else {
                    throw new BicepSyntaxException(file, line, "unexpected character '" + c + "'");
                }
            }
        }
        if (inHole) {
            throw new BicepSyntaxException(file, holeStartLine, "unterminated ${ interpolation");
        }
        return out;
    }

    private BicepToken string() {
        int startLine = line;
        pos++; // opening quote
        List<StringPart> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw new BicepSyntaxException(file, startLine, "unterminated string");
            }
            char c = src.charAt(pos);
            if (c == '\'') {
                pos++;
                break;
            }
            if (c == '\\') {
                if (pos + 1 >= src.length()) {
                    throw new BicepSyntaxException(file, startLine, "unterminated string");
                }
                char e = src.charAt(pos + 1);
                switch (e) {
                    case '\'', '\\', '$' -> literal.append(e);
                    case 'n' -> literal.append('\n');
                    case 'r' -> literal.append('\r');
                    case 't' -> literal.append('\t');
                    default -> throw new BicepSyntaxException(file, line, "unknown escape \\" + e + " in string");
                }
                pos += 2;
            } else if (src.startsWith("${", pos)) {
                if (!literal.isEmpty()) {
                    parts.add(new StringPart(literal.toString(), null));
                    literal.setLength(0);
                }
                pos += 2;
                List<BicepToken> hole = run(true);
                if (hole.isEmpty()) {
                    throw new BicepSyntaxException(file, line, "empty ${} interpolation");
                }
                parts.add(new StringPart(null, hole));
            } else {
                literal.append(c);
                pos++;
            }
        }
        if (!literal.isEmpty() || parts.isEmpty()) {
            parts.add(new StringPart(literal.toString(), null));
        }
        BicepToken token = new BicepToken(Kind.STRING, "", startLine, parts);
        return new BicepToken(Kind.STRING, token.stringText(), startLine, parts);
    }

    private BicepToken multiLineString() {
        int startLine = line;
        int end = src.indexOf("'''", pos + 3);
        if (end < 0) {
            throw new BicepSyntaxException(file, startLine, "unterminated ''' string");
        }
        String text = src.substring(pos + 3, end);
        line += count(text, '\n');
        pos = end + 3;
        return new BicepToken(Kind.STRING, text, startLine, List.of(new StringPart(text, null)));
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }
}
