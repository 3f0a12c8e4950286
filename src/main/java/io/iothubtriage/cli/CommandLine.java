package io.iothubtriage.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed words of one CLI call: a command, then {@code --name value} options (some repeatable) and
 * {@code --flag}s. Unknown options, a missing value or a repeated single-valued option are usage errors that
 * name the option.
 */
final class CommandLine {

    private final String command;
    private final Map<String, List<String>> options;
    private final Set<String> flags;

    private CommandLine(String command, Map<String, List<String>> options, Set<String> flags) {
        this.command = command;
        this.options = options;
        this.flags = flags;
    }

    /**
     * @param args        the words after the program name
     * @param valued      options that take a value
     * @param repeatable  of those, options that may be given more than once
     * @param flagNames   options without a value
     */
    static CommandLine parse(List<String> args, Set<String> valued, Set<String> repeatable, Set<String> flagNames)
            throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("no command given (try: triage, demo, doctor, --help)");
        }
        String command = args.get(0);
        Map<String, List<String>> options = new LinkedHashMap<>();
        java.util.Set<String> flags = new java.util.LinkedHashSet<>();
        String previous = null; // the option whose value the last word was, for a second value given bare
        for (int i = 1; i < args.size(); i++) {
            String word = args.get(i);
            String name;
            String inlineValue = null;
            if (word.length() >= 2 && word.charAt(0) == '-' && Character.isLetter(word.charAt(1))) {
                // "-x", "-v": an option of another tool's style, not a second value of the option before it
                throw new UsageException("unknown option " + shorten(word) + " for '" + command
                        + "' (options start with --)");
            }
            if (!word.startsWith("--") || word.length() == 2) {
                throw new UsageException(unexpected(word, previous, previous != null && repeatable.contains(previous)));
            }
            previous = null;
            int eq = word.indexOf('=');
            if (eq > 0) {
                name = word.substring(2, eq);
                inlineValue = word.substring(eq + 1);
            } else {
                name = word.substring(2);
            }
            if (flagNames.contains(name)) {
                if (inlineValue != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                flags.add(name);
                continue;
            }
            if (!valued.contains(name)) {
                throw new UsageException("unknown option --" + shorten(name) + " for '" + command + "'");
            }
            String value = inlineValue;
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (value.isBlank()) {
                throw new UsageException("--" + name + " has an empty value");
            }
            List<String> values = options.get(name);
            if (values == null) {
                values = new ArrayList<>();
                options.put(name, values);
            }
            if (!values.isEmpty() && !repeatable.contains(name)) {
                throw new UsageException("--" + name + " given more than once");
            }
            values.add(value);
            previous = name;
        }
        return new CommandLine(command, options, flags);
    }

    /**
     * A word that is no option. Right after an option's value it is most likely a second value, as a shell glob
     * ({@code --logs *.csv}) gives: each value needs its own option. The value before it is not repeated (a
     * {@code --post} value is a secret webhook URL).
     */
    private static String unexpected(String word, String previous, boolean repeatable) {
        String text = "post".equals(previous) ? "unexpected argument (not shown: it may be a webhook URL, a secret)"
                : "unexpected argument '" + shorten(word) + "'";
        if (previous == null) {
            return text + " (options start with --)";
        }
        String option = "--" + previous;
        String metavar = previous.equals("post") ? "URL" : "FILE";
        return text + " after the value of " + option + (repeatable
                ? ": one " + option + " takes one " + metavar.toLowerCase(java.util.Locale.ROOT) + "; repeat it for "
                        + "each (" + option + " " + metavar + " " + option + " " + metavar + ")"
                : ", which takes one value");
    }

    String command() {
        return command;
    }

    Optional<String> value(String name) {
        List<String> values = options.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return options.containsKey(name) || flags.contains(name);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
