package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.Scope;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.DeviceStats;
import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;
import io.iothubtriage.evidence.Dimension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How widely the verdict's cause reaches, per the contract:
 * <ul>
 *   <li>NONE: no device attributed to the cause;</li>
 *   <li>SINGLE_DEVICE: exactly one (value = its device id, when the evidence names it);</li>
 *   <li>FLEET: the affected devices are at least {@link DiagnosisOptions#fleetShare()} of the active fleet;</li>
 *   <li>SUBSET: on some dimension, at least {@link DiagnosisOptions#subsetConcentration()} of the affected devices
 *       (among those with a known value, which must be at least {@link DiagnosisOptions#subsetMinKnownShare()} of
 *       them) share one value, and the rest of the active fleet (the active devices not attributed to the cause,
 *       at least {@link DiagnosisOptions#SUBSET_MIN_REST_DEVICES} of them) has at most
 *       {@link DiagnosisOptions#subsetMaxRestShare()} on that value. The rest, not the whole active fleet, is the
 *       comparison: the affected devices are themselves active (they logged their errors), so a site that holds
 *       half the logging devices can still be the one place that broke. The most concentrated dimension wins;
 *       ties go to the value the rest shares least, then to the order maskedIpAddress, protocol, authType,
 *       sdkVersion;</li>
 *   <li>FLEET otherwise: no dimension discriminates.</li>
 * </ul>
 * With several cause families (PLATFORM_INCIDENT, MIXED) their breakdowns are added up; each device counts in one
 * family only, so the sums are exact for listed values and a lower bound for the rest.
 */
final class ScopeFinder {

    /** A SUBSET candidate, with the numbers the findings quote. */
    record Concentration(Dimension dimension, String value, int onValue, int known, double share, int restOnValue,
                         int restKnown, double restShare) {
    }

    private ScopeFinder() {
    }

    static Scope find(Optional<ConnectionEvidence> connections, List<CauseFamily> causes, DiagnosisOptions options) {
        // Plain loops, no lambdas, in this class: it runs once per report in a cold JVM, where each lambda's
        // first call costs a bootstrap.
        int active = connections.isPresent() ? connections.get().activeDevices() : 0;
        List<FamilyStats> families = families(connections, causes);
        int affected = 0;
        for (FamilyStats f : families) {
            affected += f.devices();
        }
        if (affected == 0) {
            return new Scope(ScopeKind.NONE, 0, active, Optional.empty(), Optional.empty());
        }
        if (affected == 1) {
            Optional<String> id = Optional.empty();
            for (DeviceStats d : connections.get().topDevices()) {
                if (causes.contains(d.family())) {
                    id = Optional.of(d.deviceId());
                    break;
                }
            }
            return new Scope(ScopeKind.SINGLE_DEVICE, 1, active, Optional.empty(), id);
        }
        if (active > 0 && affected >= options.fleetShare() * active) {
            return new Scope(ScopeKind.FLEET, affected, active, Optional.empty(), Optional.empty());
        }
        Optional<Concentration> best = concentration(connections.get(), families, affected, options);
        if (best.isPresent()) {
            Concentration c = best.get();
            return new Scope(ScopeKind.SUBSET, affected, active, Optional.of(c.dimension()), Optional.of(c.value()));
        }
        return new Scope(ScopeKind.FLEET, affected, active, Optional.empty(), Optional.empty());
    }

    static List<FamilyStats> families(Optional<ConnectionEvidence> connections, List<CauseFamily> causes) {
        if (connections.isEmpty()) {
            return List.of();
        }
        List<FamilyStats> of = new ArrayList<>();
        for (FamilyStats f : connections.get().families()) {
            if (causes.contains(f.family())) {
                of.add(f);
            }
        }
        return List.copyOf(of);
    }

    /** The best SUBSET candidate, if any dimension discriminates. */
    static Optional<Concentration> concentration(ConnectionEvidence c, List<FamilyStats> families, int affected,
                                                 DiagnosisOptions options) {
        // the most concentrated wins; ties go to the value the rest shares least, then to the dimensions' order
        Concentration best = null;
        for (Dimension d : Dimension.values()) {
            Optional<Concentration> described = describe(c, families, affected, d, options);
            if (described.isEmpty()) {
                continue;
            }
            Concentration x = described.get();
            if (x.share() < options.subsetConcentration() || x.restShare() > options.subsetMaxRestShare()) {
                continue;
            }
            if (best == null || Double.compare(x.share(), best.share()) > 0
                    || (Double.compare(x.share(), best.share()) == 0 && Double.compare(x.restShare(), best.restShare()) < 0)) {
                best = x;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * How the affected devices concentrate on their most common value of one dimension, compared with the fleet;
     * empty when the dimension cannot be judged (too few known values, or a fleet with a single value).
     */
    static Optional<Concentration> describe(ConnectionEvidence c, List<FamilyStats> families, int affected,
                                            Dimension d, DiagnosisOptions options) {
        DimensionBreakdown mine = merge(families, d);
        if (mine.devices() == 0 || mine.devices() < options.subsetMinKnownShare() * affected || mine.top().isEmpty()) {
            return Optional.empty();
        }
        DimensionBreakdown fleet = c.fleet().getOrDefault(d, DimensionBreakdown.empty());
        if (fleet.devices() == 0 || fleet.distinctValues() <= 1) {
            return Optional.empty();
        }
        ValueCount top = mine.top().get(0);
        int fleetOnValue = fleetCount(fleet, top);
        int fleetKnown = Math.max(fleet.devices(), fleetOnValue);
        int restKnown = fleetKnown - mine.devices();
        if (restKnown < DiagnosisOptions.SUBSET_MIN_REST_DEVICES) {
            return Optional.empty();
        }
        int restOnValue = Math.max(0, fleetOnValue - top.devices());
        return Optional.of(new Concentration(d, top.value(), top.devices(), mine.devices(),
                (double) top.devices() / mine.devices(), restOnValue, restKnown, (double) restOnValue / restKnown));
    }

    /**
     * The fleet's devices on a value: the listed count, else (the value is past the fleet's top list) at most the
     * smallest listed count; never fewer than the affected devices on it.
     */
    private static int fleetCount(DimensionBreakdown fleet, ValueCount affectedTop) {
        Integer listed = null;
        int smallest = Integer.MAX_VALUE;
        for (ValueCount v : fleet.top()) {
            if (listed == null && v.value().equals(affectedTop.value())) {
                listed = v.devices();
            }
            smallest = Math.min(smallest, v.devices());
        }
        int bound = listed != null ? listed : fleet.top().isEmpty() ? affectedTop.devices() : smallest;
        return Math.max(bound, affectedTop.devices());
    }

    /** The breakdown of several families' devices over one dimension (sums of their listed values). */
    static DimensionBreakdown merge(List<FamilyStats> families, Dimension d) {
        if (families.size() == 1) {
            return families.get(0).dimensions().getOrDefault(d, DimensionBreakdown.empty());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        int devices = 0;
        int distinct = 0;
        for (FamilyStats f : families) {
            DimensionBreakdown b = f.dimensions().getOrDefault(d, DimensionBreakdown.empty());
            devices += b.devices();
            distinct = Math.max(distinct, b.distinctValues());
            for (ValueCount v : b.top()) {
                counts.merge(v.value(), v.devices(), Integer::sum);
            }
        }
        List<ValueCount> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(ConnectionEvidence.TOP_VALUES)
                .map(e -> new ValueCount(e.getKey(), e.getValue())).toList();
        return new DimensionBreakdown(devices, Math.max(distinct, counts.size()), top);
    }
}
