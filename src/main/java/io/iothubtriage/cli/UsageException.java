package io.iothubtriage.cli;

/** The command line itself is wrong: an unknown option, a missing value. Exit code 2, one line on stderr. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
