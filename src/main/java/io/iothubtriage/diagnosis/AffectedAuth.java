package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.Scope;
import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;
import io.iothubtriage.evidence.Dimension;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the devices a change would have to explain authenticate: the winning family's attributed devices by
 * {@link AuthMethod} (SAS tokens by scope: hub policy, device or module key; X.509), from the family's authType
 * breakdown (the breakdown a SUBSET scope on authType is found from); without one, from a SUBSET scope on
 * authType. Devices with no authType logged, or beyond the breakdown's listed values, are {@code UNKNOWN}.
 *
 * @param byMethod affected devices per method; methods without devices are absent
 */
record AffectedAuth(Map<AuthMethod, Integer> byMethod) {

    static final AffectedAuth NONE = new AffectedAuth(Map.of());

    AffectedAuth {
        // loops and ifs rather than lambdas in this record: every report makes one in a cold CLI run, where each
        // lambda call site costs a bootstrap on its first call
        EnumMap<AuthMethod, Integer> copy = new EnumMap<>(AuthMethod.class);
        for (Map.Entry<AuthMethod, Integer> e : byMethod.entrySet()) {
            AuthMethod m = e.getKey();
            int n = e.getValue();
            if (n < 0) {
                throw new IllegalArgumentException("negative device count for " + m + ": " + n);
            }
            if (n > 0) {
                add(copy, m, n);
            }
        }
        byMethod = Collections.unmodifiableMap(copy);
    }

    /** {@code Map.merge(m, n, Integer::sum)}, without the method reference. */
    private static void add(EnumMap<AuthMethod, Integer> counts, AuthMethod m, int n) {
        Integer before = counts.get(m);
        counts.put(m, before == null ? n : before + n);
    }

    /**
     * How far a change that reaches only some credentials explains the affected devices.
     *
     * @param reach       the credentials the change refuses (empty when it reaches every method)
     * @param matching    affected devices whose credential the change refuses
     * @param other       affected devices whose credential it does not refuse
     * @param devices     all affected devices
     * @param notReached  the {@code other} devices by method
     */
    record Fit(Kind kind, Set<AuthMethod> reach, int matching, int other, int devices,
               Map<AuthMethod, Integer> notReached) {
        enum Kind {
            /** The change reaches every method, or (nearly) every affected device with a known authType uses one it reaches. */
            ALL,
            /** Devices it reaches and devices it does not both fail: it can explain only the former. */
            PART,
            /** Too few affected devices have a known authType (or SAS scope) to tell. */
            UNKNOWN,
            /** (Nearly) every affected device with a known authType uses a credential the change does not refuse. */
            NONE
        }

        static final Fit ANY = new Fit(Kind.ALL, Set.of(), 0, 0, 0, Map.of());

        Fit {
            reach = Set.copyOf(reach);
            EnumMap<AuthMethod, Integer> copy = new EnumMap<>(AuthMethod.class);
            copy.putAll(notReached);
            notReached = Collections.unmodifiableMap(copy);
        }
    }

    static AffectedAuth of(Optional<FamilyStats> family, Scope scope) {
        DimensionBreakdown authTypes = family.isPresent() ? family.get().dimensions().get(Dimension.AUTH_TYPE) : null;
        if (authTypes == null || authTypes.devices() <= 0) {
            return fromScope(scope, family.isPresent() ? family.get().devices() : scope.affectedDevices());
        }
        EnumMap<AuthMethod, Integer> counts = new EnumMap<>(AuthMethod.class);
        int listed = 0;
        for (ValueCount v : authTypes.top()) {
            AuthMethod m = AuthMethod.of(v.value());
            if (m != AuthMethod.UNKNOWN) {
                add(counts, m, v.devices());
                listed += v.devices();
            }
        }
        int devices = Math.max(family.get().devices(), authTypes.devices());
        add(counts, AuthMethod.UNKNOWN, Math.max(0, devices - listed));
        return new AffectedAuth(counts);
    }

    private static AffectedAuth fromScope(Scope scope, int devices) {
        if (scope.kind() != ScopeKind.SUBSET || scope.dimension().isEmpty()
                || scope.dimension().get() != Dimension.AUTH_TYPE) {
            return new AffectedAuth(Map.of(AuthMethod.UNKNOWN, devices));
        }
        return new AffectedAuth(Map.of(AuthMethod.of(scope.value().orElse("")), scope.affectedDevices()));
    }

    int devices() {
        int sum = 0;
        for (int n : byMethod.values()) {
            sum += n;
        }
        return sum;
    }

    /**
     * The rule: a change that refuses only some credentials can explain only the failures of devices using them:
     * {@code disableLocalAuth} and the shared access policies' keys only hub-policy SAS tokens,
     * {@code disableDeviceSAS} only device-key tokens, {@code disableModuleSAS} only module-key tokens, CA
     * certificates only X.509 devices. The affected devices' credential is judged only when at least
     * {@code knownShare} of them have one the change's reach decides (else UNKNOWN: no authType, or a SAS token of
     * unlogged scope against a switch of one scope); at least {@code share} of those refused is ALL, at least
     * {@code share} not refused is NONE, anything between is PART.
     */
    Fit fit(Set<AuthMethod> reach, double share, double knownShare) {
        if (reach.isEmpty() || reach.containsAll(AuthMethod.DEFINITE)) {
            return Fit.ANY;
        }
        int matching = 0;
        int other = 0;
        EnumMap<AuthMethod, Integer> notReached = new EnumMap<>(AuthMethod.class);
        for (Map.Entry<AuthMethod, Integer> e : byMethod.entrySet()) {
            Optional<Boolean> refused = e.getKey().reachedBy(reach);
            if (refused.isEmpty()) {
                continue;
            }
            if (refused.get()) {
                matching += e.getValue();
            } else {
                other += e.getValue();
                notReached.put(e.getKey(), e.getValue());
            }
        }
        int known = matching + other;
        Fit.Kind kind;
        if (known == 0 || known < knownShare * devices()) {
            kind = Fit.Kind.UNKNOWN;
        } else if (matching >= share * known) {
            kind = Fit.Kind.ALL;
        } else if (other >= share * known) {
            kind = Fit.Kind.NONE;
        } else {
            kind = Fit.Kind.PART;
        }
        return new Fit(kind, reach, matching, other, devices(), notReached);
    }
}
