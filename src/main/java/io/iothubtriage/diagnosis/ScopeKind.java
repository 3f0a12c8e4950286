package io.iothubtriage.diagnosis;

/** How widely the cause reaches: no device, one device, a subset sharing one dimension value, or the fleet. */
public enum ScopeKind {
    NONE,
    SINGLE_DEVICE,
    SUBSET,
    FLEET
}
