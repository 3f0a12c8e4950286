package io.iothubtriage.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of an Azure resource, as the Activity Log and/or Resource Graph recorded it.
 *
 * @param time          when it happened (Activity Log {@code eventTimestamp}, Resource Graph
 *                      {@code changeAttributes.timestamp})
 * @param resourceId    the changed resource's ARM id, as Azure spells it
 * @param operation     the ARM operation, e.g. {@code Microsoft.Devices/IotHubs/write}; empty when unknown
 * @param status        {@code Succeeded}, {@code Failed}, …; empty when the source does not say (Resource Graph
 *                      records only changes that happened, so its rows are {@code Succeeded})
 * @param changeType    {@code Create}, {@code Update}, {@code Delete} or {@code Action} (a POST such as a failover
 *                      or a key regeneration)
 * @param caller        who made it, exactly as Azure returns it (a UPN, an object or application id); empty when
 *                      not recorded
 * @param callerKind    what kind of principal the caller is
 * @param origin        which source(s) recorded it
 * @param correlationId the ARM correlation id that ties an Activity Log event to its Resource Graph change
 * @param properties    for a property change: each path with its old and new value (masked where secret)
 */
public record ChangeEvent(Instant time, String resourceId, String operation, String status, String changeType,
                          String caller, CallerKind callerKind, ChangeOrigin origin, Optional<String> correlationId,
                          List<PropertyChange> properties) {
    /** At most this many property changes are kept per change. */
    public static final int MAX_PROPERTIES = 20;

    public ChangeEvent {
        Objects.requireNonNull(time, "time");
        resourceId = resourceId == null ? "" : resourceId;
        operation = operation == null ? "" : operation;
        status = status == null ? "" : status;
        changeType = changeType == null ? "" : changeType;
        caller = caller == null ? "" : caller;
        Objects.requireNonNull(callerKind, "callerKind");
        Objects.requireNonNull(origin, "origin");
        correlationId = correlationId == null ? Optional.empty() : correlationId.filter(s -> !s.isBlank());
        properties = List.copyOf(properties.size() > MAX_PROPERTIES ? properties.subList(0, MAX_PROPERTIES) : properties);
    }

    /** False for a change that was refused or is still under way: it changed nothing. */
    public boolean succeeded() {
        return status.isEmpty() || status.equalsIgnoreCase("Succeeded");
    }

    /** Where a change was recorded. */
    public enum ChangeOrigin {
        ACTIVITY_LOG("activityLog"),
        RESOURCE_GRAPH("resourceGraph"),
        BOTH("activityLog+resourceGraph");

        private final String wire;

        ChangeOrigin(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * One changed property.
     *
     * @param path       e.g. {@code properties.disableLocalAuth}
     * @param before     the previous value as text; empty when the property was added
     * @param after      the new value as text; empty when the property was removed
     * @param changeType Resource Graph's {@code propertyChangeType}: {@code Update}, {@code Insert}, {@code Remove}
     */
    public record PropertyChange(String path, Optional<String> before, Optional<String> after, String changeType) {
        public PropertyChange {
            Objects.requireNonNull(path, "path");
            before = before == null ? Optional.empty() : before;
            after = after == null ? Optional.empty() : after;
            changeType = changeType == null ? "" : changeType;
        }
    }
}
