package io.iothubtriage.evidence.azure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query kept in a .kql resource. Its parameters are {@code let} statements between the lines
 * {@code // <parameters>} and {@code // </parameters>}, with placeholder values so that the file is checkable
 * on its own (scripts/check-kql.sh). At run time the whole block is replaced by a header of typed literals
 * ({@link KqlLiteral}); the names must match the file's exactly, so a parameter cannot be forgotten or invented.
 */
final class KqlTemplate {

    static final String BEGIN = "// <parameters>";
    static final String END = "// </parameters>";
    private static final Pattern LET = Pattern.compile("^let\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=");

    private final String name;
    private final String before;
    private final String after;
    private final List<String> parameterNames;

    private KqlTemplate(String name, String text) {
        this.name = name;
        int begin = lineStart(text, BEGIN);
        int end = lineStart(text, END);
        if (begin < 0 || end < 0 || end < begin || text.indexOf(BEGIN, begin + 1) >= 0) {
            throw new IllegalStateException(name + ": needs exactly one parameter block between '" + BEGIN
                    + "' and '" + END + "'");
        }
        int afterEnd = text.indexOf('\n', end);
        this.before = text.substring(0, begin);
        this.after = afterEnd < 0 ? "" : text.substring(afterEnd + 1);
        List<String> names = new ArrayList<>();
        for (String line : text.substring(begin, end).split("\n")) {
            Matcher m = LET.matcher(line.trim());
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        this.parameterNames = List.copyOf(names);
    }

    /** Loads a .kql file from this package's resources. */
    static KqlTemplate load(String resource) {
        try (InputStream in = KqlTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("query resource missing: " + resource);
            }
            return new KqlTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read query resource " + resource, e);
        }
    }

    List<String> parameterNames() {
        return parameterNames;
    }

    /**
     * The query with its parameter block replaced.
     *
     * @param literals parameter name → literal, exactly the file's names
     */
    String render(Map<String, KqlLiteral> literals) {
        if (!literals.keySet().equals(new HashSet<>(parameterNames))) {
            throw new IllegalArgumentException(name + ": parameters " + literals.keySet() + " do not match the file's "
                    + parameterNames);
        }
        StringBuilder header = new StringBuilder(BEGIN).append('\n');
        for (String parameter : parameterNames) {
            header.append("let ").append(parameter).append(" = ").append(literals.get(parameter).text()).append(";\n");
        }
        header.append(END).append('\n');
        return before + header + after;
    }

    private static int lineStart(String text, String line) {
        int at = text.indexOf(line);
        while (at > 0 && text.charAt(at - 1) != '\n') {
            at = text.indexOf(line, at + 1);
        }
        return at;
    }
}
