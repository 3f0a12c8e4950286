package io.iothubtriage.evidence;

import java.util.List;
import java.util.Objects;

/**
 * What reading one connection-log export found.
 *
 * @param format                 the format detected from the content
 * @param accepted               Connections rows handed to the sink
 * @param skippedOtherCategories rows of another category (Routes, DeviceTelemetry, ...), skipped
 * @param skippedWithoutDevice   Connections rows without a device id, skipped (not evidence of any device)
 * @param warnings               plain-words notes about the file that do not stop the read, e.g. a partial
 *                               Log Analytics result; empty when none
 * @param rows                   data rows in the file, every kind
 * @param otherResources         rows of another resource (another hub), set aside
 * @param unreadable             rows that cannot be attributed (no or broken properties_s, no deviceId,
 *                               misaligned columns; {@code skippedWithoutDevice} included), set aside
 * @param withoutResource        rows that name no resource, taken as the hub's
 */
public record ReadStats(LogFormat format, long accepted, long skippedOtherCategories, long skippedWithoutDevice,
                        List<String> warnings, long rows, long otherResources, long unreadable, long withoutResource) {
    public ReadStats {
        Objects.requireNonNull(format, "format");
        warnings = List.copyOf(warnings);
    }
}
