package io.iothubtriage.diagnosis;

/** How sure the verdict is; the reason is stated in the headline or the findings. */
public enum Confidence {
    HIGH,
    MEDIUM,
    LOW
}
