package io.iothubtriage.alert;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading ARM resource ids found in payloads: is it (or is it under) an IoT hub, and if not, what is it. */
final class ResourceIds {

    /** A hub id at the start of the text, possibly followed by a sub-resource ({@code .../iothubs/h/certificates/c}). */
    private static final Pattern HUB_PREFIX = Pattern.compile(
            "^/?subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\\.devices/iothubs/[^/]+(?=/|$)",
            Pattern.CASE_INSENSITIVE);

    private ResourceIds() {
    }

    /** The hub this id names or lies under; empty for anything else (other types, names, GUIDs, placeholders). */
    static Optional<HubId> hubOf(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String t = id.trim();
        if (t.length() > 512) {
            return Optional.empty();
        }
        Matcher m = HUB_PREFIX.matcher(t);
        if (!m.find() || !HubId.isHubId(m.group())) {
            return Optional.empty();
        }
        return Optional.of(HubId.parse(m.group()));
    }

    /**
     * What kind of resource an id names, lower-cased, for messages: {@code microsoft.compute/virtualmachines},
     * {@code microsoft.insights/webtests}, "subscription", "resource group", or "unrecognised id".
     */
    static String typeOf(String id) {
        if (id == null || id.isBlank()) {
            return "empty id";
        }
        String lower = id.trim().toLowerCase(Locale.ROOT);
        int p = lower.lastIndexOf("/providers/");
        if (p >= 0) {
            String[] segs = lower.substring(p + "/providers/".length()).split("/");
            if (segs.length >= 2 && !segs[0].isEmpty() && !segs[1].isEmpty()) {
                StringBuilder type = new StringBuilder(segs[0]).append('/').append(segs[1]);
                // nested types: namespace/type/name/subtype/subname → namespace/type/subtype
                for (int i = 3; i < segs.length; i += 2) {
                    type.append('/').append(segs[i]);
                }
                return Snippet.clip(type.toString(), 80);
            }
        }
        String[] segs = lower.replaceAll("^/+|/+$", "").split("/");
        if (segs.length == 2 && segs[0].equals("subscriptions")) {
            return "subscription";
        }
        if (segs.length == 4 && segs[0].equals("subscriptions") && segs[2].equals("resourcegroups")) {
            return "resource group";
        }
        return "unrecognised id";
    }
}
