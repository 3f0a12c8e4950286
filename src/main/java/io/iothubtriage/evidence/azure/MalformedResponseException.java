package io.iothubtriage.evidence.azure;

/** A 2xx response whose body is not what the API documents (not JSON, missing fields of the wrong type). */
final class MalformedResponseException extends RuntimeException {
    MalformedResponseException(String message) {
        super(message);
    }

    MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
