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
 */
public record ReadStats(LogFormat format, long accepted, long skippedOtherCategories, long skippedWithoutDevice,
                        List<String> warnings) {
    public ReadStats {
        Objects.requireNonNull(format, "format");
        warnings = List.copyOf(warnings);
    }
}
