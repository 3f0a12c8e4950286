package io.iothubtriage.alert;

/**
 * Input that cannot be used: malformed JSON, a missing or mistyped field, an unreadable file. The message names
 * where (a file, a JSON path, a column, a parameter) and what is wrong, on one line, and never holds a secret.
 * The CLI answers it with exit code 2, the HTTP functions with 400.
 */
public class BadInputException extends Exception {
    private final String where;
    private final String problem;

    public BadInputException(String where, String problem) {
        this(where, problem, null);
    }

    public BadInputException(String where, String problem, Throwable cause) {
        super(where + ": " + problem, cause);
        this.where = where;
        this.problem = problem == null ? "" : problem;
    }

    /** What is wrong, without the place (the message is {@code where: problem}). */
    public String problem() {
        return problem;
    }

    /** The file, JSON path, column or parameter at fault. */
    public String where() {
        return where;
    }
}
