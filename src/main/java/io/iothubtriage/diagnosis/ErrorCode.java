package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;

import java.util.Objects;

/**
 * What one IoT Hub result code means, in our own words.
 *
 * @param code         the six-digit {@code ResultType}, e.g. "404104"
 * @param name         the error name as the hub logs it, e.g. "DeviceConnectionClosedRemotely"
 * @param family       the cause family, always {@link CauseFamily#of(String)} of the code
 * @param cause        why it happens, in plain words (empty for an unknown code)
 * @param resolution   what to do about it (empty for an unknown code)
 * @param docs         documentation link (Microsoft Learn anchor, or the aka.ms link the hub itself logs)
 * @param connectivity true when the code can explain devices dropping off or failing to reconnect
 * @param known        false for a code the catalog does not know: name comes from the log row
 */
public record ErrorCode(String code, String name, CauseFamily family, String cause, String resolution, String docs,
                        boolean connectivity, boolean known) {
    public ErrorCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        cause = cause == null ? "" : cause;
        resolution = resolution == null ? "" : resolution;
        docs = docs == null ? "" : docs;
    }

    /** "404104 DeviceConnectionClosedRemotely", or just the code when the name is unknown. */
    public String label() {
        return name.isEmpty() ? code : code + " " + name;
    }
}
