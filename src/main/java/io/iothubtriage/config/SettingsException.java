package io.iothubtriage.config;

import java.util.List;

/**
 * One or more app settings are missing or malformed. The message names every bad setting and what is wrong with
 * it, one per line, and never repeats a secret value (webhook URLs, connection strings).
 */
public final class SettingsException extends RuntimeException {
    private final List<Problem> problems;

    public SettingsException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public SettingsException(String setting, String problem) {
        this(List.of(new Problem(setting, problem)));
    }

    /** The settings at fault, in the order they were checked. */
    /** The names of the settings at fault, never their values. */
    public List<String> settingNames() {
        return problems().stream().map(Problem::setting).distinct().toList();
    }

    public List<Problem> problems() {
        return problems;
    }

    /** A bad setting: its name and what is wrong. */
    public record Problem(String setting, String problem) {
        @Override
        public String toString() {
            return setting + ": " + problem;
        }
    }

    private static String message(List<Problem> problems) {
        if (problems.size() == 1) {
            return "invalid app setting " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("invalid app settings:");
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
