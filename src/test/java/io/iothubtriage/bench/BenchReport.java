package io.iothubtriage.bench;

import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.Evidence;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** A few report lines from the evidence, standing in for diagnosis + rendering in the benchmarks. */
final class BenchReport {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private BenchReport() {
    }

    static String render(Evidence evidence) {
        StringBuilder out = new StringBuilder();
        evidence.connections().ifPresent(c -> {
            out.append(String.format(Locale.ROOT, "%,d active devices, %,d attributed", c.activeDevices(), c.affectedDevices()));
            c.codes().stream().findFirst().ifPresent(top -> out.append(String.format(Locale.ROOT,
                    "; top error %s %s on %,d devices", top.code(), top.description(), top.devices())));
            out.append('\n');
        });
        evidence.deviceCount().ifPresent(d -> {
            List<MetricPoint> connected = d.connected();
            if (!connected.isEmpty()) {
                MetricPoint low = connected.stream().filter(p -> p.minimum().isPresent())
                        .min(Comparator.comparingDouble(p -> p.minimum().getAsDouble())).orElse(connected.get(0));
                out.append(String.format(Locale.ROOT, "%,.0f → %,.0f connected at %s", value(connected.get(0).average()),
                        value(low.minimum()), HH_MM.format(low.time())));
                d.registered().stream().reduce((a, b) -> b).ifPresent(r ->
                        out.append(String.format(Locale.ROOT, "; %,.0f registered", value(r.maximum()))));
                out.append('\n');
            }
        });
        evidence.health().ifPresent(h -> out.append("hub ").append(h.current().map(s -> s.availabilityState())
                .orElse("unknown")).append(", ").append(h.events().size()).append(" service-health events\n"));
        evidence.gaps().forEach(g -> out.append("gap ").append(g.source()).append(": ").append(g.reason()).append('\n'));
        return out.toString();
    }

    private static double value(OptionalDouble d) {
        return d.orElse(Double.NaN);
    }

    static boolean complete(Evidence evidence) {
        return evidence.gaps().isEmpty() && evidence.connections().map(ConnectionEvidence::activeDevices).orElse(0) > 0
                && evidence.health().isPresent() && evidence.deviceCount().isPresent();
    }
}
