package io.iothubtriage.alert;

/** The alert's state as Azure Monitor reports it. */
public enum MonitorCondition {
    FIRED("Fired"),
    RESOLVED("Resolved");

    private final String wire;

    MonitorCondition(String wire) {
        this.wire = wire;
    }

    /** The value as it appears in the common alert schema and in the report JSON. */
    public String wire() {
        return wire;
    }
}
