package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.iothubtriage.diagnosis.ReportFormat.count;

/**
 * The keep-alive advice that fits the protocol the affected devices use. MQTT has a keep-alive the hub enforces (it
 * closes a connection after 1.5 × it); AMQP keeps its connection open with the SDK's idle timeout (empty frames), so
 * telling AMQP devices to tune an MQTT keep-alive sends the engineer to a setting they do not have. The protocol is
 * read from the devices' logged {@code protocol} breakdown (WebSockets variants count with their protocol); one
 * protocol decides when it holds at least {@link #NEARLY_ALL} of the devices whose protocol is known and those are at
 * least half of the devices; otherwise the advice names the mix, or says the protocol is not known.
 */
final class KeepAliveAdvice {

    /** The share of devices with a known protocol that one protocol must hold to get that protocol's advice alone. */
    static final double NEARLY_ALL = 0.9;

    enum Protocols { MQTT, AMQP, MIXED, UNKNOWN }

    private final Protocols kind;
    private final int mqtt;
    private final int amqp;
    private final int other;

    private KeepAliveAdvice(Protocols kind, int mqtt, int amqp, int other) {
        this.kind = kind;
        this.mqtt = mqtt;
        this.amqp = amqp;
        this.other = other;
    }

    /** The advice for {@code affected} devices whose protocols are {@code b}. */
    static KeepAliveAdvice of(DimensionBreakdown b, int affected) {
        int mqtt = 0;
        int amqp = 0;
        for (ValueCount v : b.top()) {
            String p = v.value().toLowerCase(Locale.ROOT);
            if (p.startsWith("mqtt")) {
                mqtt += v.devices();
            } else if (p.startsWith("amqp")) {
                amqp += v.devices();
            }
        }
        int known = b.devices();
        // values past the breakdown's bounded list are of unknown kind: they count as neither protocol
        int other = Math.max(0, known - mqtt - amqp);
        Protocols kind;
        if (known == 0 || known * 2 < affected) {
            kind = Protocols.UNKNOWN;
        } else if (mqtt >= NEARLY_ALL * known) {
            kind = Protocols.MQTT;
        } else if (amqp >= NEARLY_ALL * known) {
            kind = Protocols.AMQP;
        } else if (mqtt + amqp > 0) {
            kind = Protocols.MIXED;
        } else {
            kind = Protocols.UNKNOWN;
        }
        return new KeepAliveAdvice(kind, mqtt, amqp, other);
    }

    Protocols kind() {
        return kind;
    }

    /**
     * The next step for devices that may drop on a keep-alive: "If the 84 devices keep dropping at a steady interval,
     * compare their AMQP idle timeout …".
     */
    String step(int affected) {
        boolean one = affected == 1;
        String lead = one ? "If the device keeps dropping at a steady interval, "
                : "If the " + count(affected) + " devices keep dropping at a steady interval, ";
        String their = one ? "its" : "their";
        return lead + switch (kind) {
            case MQTT -> "compare " + their + " MQTT keep-alive with the hub's limit (it closes a connection after "
                    + "1.5 × the keep-alive)";
            case AMQP -> "compare " + their + " AMQP idle timeout (the SDK's keep-alive over AMQP) with the idle "
                    + "timeouts of the network path (NAT, firewall, proxy),";
            case MIXED -> "check the keep-alive of each protocol they use (" + mix() + "): the MQTT keep-alive "
                    + "against the hub's limit (it closes a connection after 1.5 × the keep-alive), the AMQP idle "
                    + "timeout against the idle timeouts of the network path;";
            case UNKNOWN -> "compare " + their + " keep-alive (the MQTT keep-alive, or the AMQP idle timeout: the logs "
                    + "do not show which protocol " + (one ? "it uses" : "most of them use") + ") with what the "
                    + "network path allows,";
        } + " and " + their + " SAS token lifetime.";
    }

    /** The clause for a group of devices in a mixed report: "check their network path and AMQP idle timeout". */
    String clause() {
        return "check their network path and " + switch (kind) {
            case MQTT -> "MQTT keep-alive";
            case AMQP -> "AMQP idle timeout";
            case MIXED -> "the keep-alive of each protocol they use (" + mix() + ")";
            case UNKNOWN -> "keep-alive (MQTT keep-alive or AMQP idle timeout, by protocol)";
        };
    }

    /** "70 on MQTT, 14 on AMQP" (", 3 on other protocols"). */
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
