package io.iothubtriage.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the block-style YAML of azure.yaml (nested maps of scalars, comments) into flattened dotted keys,
 * e.g. {@code services.triage.host -> function}. Sequences and flow style are rejected: azure.yaml doesn't use them.
 */
final class SimpleYaml {
    private SimpleYaml() {}

    static Map<String, String> flatten(String file, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] path = new String[32];
        int[] indents = new int[32];
        int depth = 0;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String raw = lines[n].replace("\r", "");
            String content = stripComment(raw);
            if (content.isBlank()) {
                continue;
            }
            int indent = content.length() - content.stripLeading().length();
            String trimmed = content.strip();
            if (trimmed.startsWith("- ") || trimmed.startsWith("[") || trimmed.startsWith("{") || raw.contains("\t")) {
                throw new BicepSyntaxException(file, n + 1, "unsupported YAML (sequence, flow style or tab)");
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new BicepSyntaxException(file, n + 1, "expected 'key: value'");
            }
            while (depth > 0 && indents[depth - 1] >= indent) {
                depth--;
            }
            String key = trimmed.substring(0, colon).strip();
            String value = trimmed.substring(colon + 1).strip();
            path[depth] = key;
            indents[depth] = indent;
            String dotted = String.join(".", java.util.Arrays.copyOf(path, depth + 1));
            if (value.isEmpty()) {
                depth++;
            } else {
                out.put(dotted, unquote(value));
            }
        }
        return out;
    }

    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
