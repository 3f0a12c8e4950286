package io.iothubtriage.infra;

/** The scanner met text it cannot read (or a construct it deliberately does not support), with file and line. */
final class BicepSyntaxException extends RuntimeException {
    BicepSyntaxException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
