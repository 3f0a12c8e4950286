package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.iothubtriage.diagnosis.ReportFormat.count;

/**
 * The keep-alive advice that fits the protocols the affected devices use. MQTT has a keep-alive the device sets and the
 * hub bounds; AMQP keeps its connection open with the SDK's idle timeout (empty frames); HTTPS holds no connection
 * open, so it has no keep-alive at all. Telling AMQP or HTTPS devices to tune an MQTT keep-alive sends the engineer
 * to a setting they do not have, so every protocol present gets its own advice, with its count when there are
 * several: a minority is never folded into the majority's advice. The protocol is read from the devices' logged
 * {@code protocol} breakdown (WebSockets variants count with their protocol); when fewer than half the devices logged
 * one, the advice names both keep-alives and says the logs do not show which applies.
 */
final class KeepAliveAdvice {

    enum Protocols { MQTT, AMQP, HTTPS, MIXED, UNKNOWN }

    static final String MQTT_STEP = "keep the MQTT keep-alive below the idle timeouts of the network path (NAT, "
            + "firewall, proxy) and within the hub's maximum";

    private final Protocols kind;
    private final int mqtt;
    private final int amqp;
    private final int https;
    private final int other;

    private KeepAliveAdvice(Protocols kind, int mqtt, int amqp, int https, int other) {
        this.kind = kind;
        this.mqtt = mqtt;
        this.amqp = amqp;
        this.https = https;
        this.other = other;
    }

    /** The advice for {@code affected} devices whose protocols are {@code b}. */
    static KeepAliveAdvice of(DimensionBreakdown b, int affected) {
        int mqtt = 0;
        int amqp = 0;
        int https = 0;
        for (ValueCount v : b.top()) {
            String p = v.value().toLowerCase(Locale.ROOT);
            if (p.startsWith("mqtt")) {
                mqtt += v.devices();
            } else if (p.startsWith("amqp")) {
                amqp += v.devices();
            } else if (p.startsWith("http")) {
                https += v.devices();
            }
        }
        int known = b.devices();
        // values past the breakdown's bounded list are of unknown kind: they count as none of the three
        int other = Math.max(0, known - mqtt - amqp - https);
        int kinds = (mqtt > 0 ? 1 : 0) + (amqp > 0 ? 1 : 0) + (https > 0 ? 1 : 0);
        Protocols kind;
        if (known == 0 || known * 2 < affected || kinds == 0) {
            kind = Protocols.UNKNOWN;
        } else if (kinds > 1 || other > 0) {
            kind = Protocols.MIXED;
        } else if (mqtt > 0) {
            kind = Protocols.MQTT;
        } else if (amqp > 0) {
            kind = Protocols.AMQP;
        } else {
            kind = Protocols.HTTPS;
        }
        return new KeepAliveAdvice(kind, mqtt, amqp, https, other);
    }

    Protocols kind() {
        return kind;
    }

    /**
     * The next step for devices that may drop on a keep-alive: "If the 84 devices keep dropping at a steady interval,
     * compare their AMQP idle timeout …", or per protocol: "…: the 60 on MQTT, keep the MQTT keep-alive below …; the
     * 24 on AMQP, …".
     */
    String step(int affected) {
        boolean one = affected == 1;
        String lead = one ? "If the device keeps dropping at a steady interval"
                : "If the " + count(affected) + " devices keep dropping at a steady interval";
        String their = one ? "its" : "their";
        return lead + switch (kind) {
            case MQTT -> ", " + MQTT_STEP + ", and check " + their + " SAS token lifetime.";
            case AMQP -> ", compare " + their + " AMQP idle timeout (the SDK's keep-alive over AMQP) with the idle "
                    + "timeouts of the network path (NAT, firewall, proxy), and " + their + " SAS token lifetime.";
            case HTTPS -> ", check " + their + " SAS token lifetime: " + (one ? "it uses" : "they use") + " HTTPS, "
                    + "which holds no connection open, so there is no keep-alive to tune.";
            case MIXED -> ": " + perProtocol() + "; all, the SAS token lifetime.";
            case UNKNOWN -> ", compare " + their + " keep-alive (the MQTT keep-alive, or the AMQP idle timeout: "
                    + unknownWhy(one) + ") with what the network path allows, and " + their + " SAS token lifetime.";
        };
    }

    /** The clause for a group of devices in a mixed report: "check their network path and AMQP idle timeout". */
    String clause() {
        return switch (kind) {
            case MQTT -> "check their network path and MQTT keep-alive";
            case AMQP -> "check their network path and AMQP idle timeout";
            case HTTPS -> "check their network path (they use HTTPS: no keep-alive applies)";
            case MIXED -> "check their network path and the keep-alive of each protocol they use (" + mix() + ")"
                    + (https > 0 ? "; the " + count(https) + " on HTTPS hold no connection open" : "");
            case UNKNOWN -> "check their network path and keep-alive (MQTT keep-alive or AMQP idle timeout, by "
                    + "protocol)";
        };
    }

    private String unknownWhy(boolean one) {
        return mqtt + amqp + https == 0 && other > 0
                ? "the logs name no MQTT, AMQP or HTTPS protocol for " + (one ? "it" : "them")
                : "the logs do not show which protocol " + (one ? "it uses" : "most of them use");
    }

    /**
     * "258 on MQTT, keep the MQTT keep-alive below …; 24 on AMQP, the AMQP idle timeout below the same idle timeouts;
     * 6 on HTTPS, none (no connection held open)": each protocol present with its count and its own setting.
     */
    private String perProtocol() {
        List<String> parts = new ArrayList<>();
        if (mqtt > 0) {
            parts.add(count(mqtt) + " on MQTT, " + MQTT_STEP);
        }
        if (amqp > 0) {
            parts.add(count(amqp) + " on AMQP, the AMQP idle timeout below " + (mqtt > 0 ? "the same idle timeouts"
                    : "the idle timeouts of the network path (NAT, firewall, proxy)"));
        }
        if (https > 0) {
            parts.add(count(https) + " on HTTPS, none (HTTPS holds no connection open)");
        }
        if (other > 0) {
            parts.add(count(other) + " on other protocols, their protocol's keep-alive");
        }
        return String.join("; ", parts);
    }

    /** "70 on MQTT, 14 on AMQP" (", 3 on other protocols"): the protocols that keep a connection open. */
    private String mix() {
        List<String> parts = new ArrayList<>();
        if (mqtt > 0) {
            parts.add(count(mqtt) + " on MQTT");
        }
        if (amqp > 0) {
            parts.add(count(amqp) + " on AMQP");
        }
        if (other > 0) {
            parts.add(count(other) + " on other protocols");
        }
        return String.join(", ", parts);
    }
}
