package io.iothubtriage.functions.flow;

import io.iothubtriage.alert.HubId;

import java.net.URI;

/** Azure portal links to a hub, for notices that have no triage report (and so none of its links). */
public record PortalLinks(URI portal) {

    /** The hub's Logs blade, where the Connections logs can be queried by hand. */
    public String logs(HubId hub) {
        return base() + "/#@/resource" + hub.resourceId() + "/logs";
    }

    public String overview(HubId hub) {
        return base() + "/#@/resource" + hub.resourceId() + "/overview";
    }

    private String base() {
        String p = portal.toString();
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
