package io.iothubtriage.simulation;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvent.ChangeOrigin;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A change a scenario makes to its hub, timed relative to the incident: what the Activity Log and Resource Graph
 * would record (one change seen by both, merged by correlation id).
 *
 * @param beforeIncident how long before the incident it happens (negative: after)
 * @param caller         who makes it, as Azure would return it (a user principal name or an application id)
 * @param path           the property that changes, e.g. properties.disableLocalAuth
 * @param before         its old value
 * @param after          its new value
 */
public record ScriptedChange(Duration beforeIncident, String caller, String path, String before, String after) {
    public ScriptedChange {
        Objects.requireNonNull(beforeIncident, "beforeIncident");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /**
     * A user switches local authentication off: every device connecting with a SAS token signed with one of the
     * hub's shared access policies (authType {@code hub/sas}) is refused with 401003; devices signing with their
     * own device keys are not (that is {@link #disableDeviceSas}).
     */
    public static ScriptedChange disableLocalAuth(Duration beforeIncident, String user) {
        return new ScriptedChange(beforeIncident, user, "properties.disableLocalAuth", "false", "true");
    }

    /** A user switches device SAS off: every device signing its SAS tokens with its own key is refused. */
    public static ScriptedChange disableDeviceSas(Duration beforeIncident, String user) {
        return new ScriptedChange(beforeIncident, user, "properties.disableDeviceSAS", "false", "true");
    }

    /** A tag edit: changes nothing a device depends on. */
    public static ScriptedChange tagEdit(Duration beforeIncident, String user, String tag, String from, String to) {
        return new ScriptedChange(beforeIncident, user, "tags." + tag, from, to);
    }

    /** The change as the evidence records it, for the hub and the scenario's incident time. */
    ChangeEvent event(HubId hub, Instant incidentAt, long seed, int index) {
        Instant at = incidentAt.minus(beforeIncident);
        String correlation = new UUID(seed * 31 + index, at.getEpochSecond()).toString();
        return new ChangeEvent(at, hub.resourceId(), "Microsoft.Devices/IotHubs/write", "Succeeded", "Update", caller,
                CallerKind.of(caller, ""), ChangeOrigin.BOTH, Optional.of(correlation),
                List.of(new PropertyChange(path, Optional.of(before), Optional.of(after), "Update")));
    }
}
