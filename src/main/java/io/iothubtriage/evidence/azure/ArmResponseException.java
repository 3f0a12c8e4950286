package io.iothubtriage.evidence.azure;

import java.time.Duration;
import java.util.Optional;

/** An Azure Resource Manager call answered with a non-2xx status. */
final class ArmResponseException extends RuntimeException {
    private final int status;
    private final String code;
    private final String detail;
    private final Optional<Duration> retryAfter;

    ArmResponseException(int status, String code, String detail, Optional<Duration> retryAfter) {
        super("HTTP " + status + (code.isEmpty() ? "" : " " + code) + (detail.isEmpty() ? "" : ": " + detail));
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String detail() {
        return detail;
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
