package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.Scope;
import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;
import io.iothubtriage.evidence.Dimension;

import java.util.Optional;
import java.util.Set;

/**
 * How the devices a change would have to explain authenticate: the winning family's attributed devices by
 * {@link AuthMethod}, from the family's authType breakdown (the breakdown a SUBSET scope on authType is found
 * from); without one, from a SUBSET scope on authType. Devices with no authType logged, or beyond the breakdown's
 * listed values, are {@code unknown}.
 */
record AffectedAuth(int sas, int x509, int unknown) {

    static final AffectedAuth NONE = new AffectedAuth(0, 0, 0);

    /**
     * How far a change that reaches only some authentication methods explains the affected devices.
     *
     * @param method   the method the change reaches (empty when it reaches every method)
     * @param matching affected devices using that method
     * @param other    affected devices using the other method
     * @param devices  all affected devices
     */
    record Fit(Kind kind, Optional<AuthMethod> method, int matching, int other, int devices) {
        enum Kind {
            /** The change reaches every method, or (nearly) every affected device with a known authType uses it. */
            ALL,
            /** Devices of both methods fail: the change can explain only those of its method. */
            PART,
            /** Too few affected devices have a known authType to tell. */
            UNKNOWN,
            /** (Nearly) every affected device with a known authType uses a method the change does not reach. */
            NONE
        }

        static final Fit ANY = new Fit(Kind.ALL, Optional.empty(), 0, 0, 0);

        /** The method the change does not reach. */
        Optional<AuthMethod> otherMethod() {
            return method.map(m -> m == AuthMethod.SAS ? AuthMethod.X509 : AuthMethod.SAS);
        }
    }

    static AffectedAuth of(Optional<FamilyStats> family, Scope scope) {
        Optional<DimensionBreakdown> breakdown = family.map(f -> f.dimensions().get(Dimension.AUTH_TYPE))
                .filter(b -> b.devices() > 0);
        if (breakdown.isEmpty()) {
            return fromScope(scope, family.map(FamilyStats::devices).orElse(scope.affectedDevices()));
        }
        int sas = 0;
        int x509 = 0;
        for (ValueCount v : breakdown.get().top()) {
            switch (AuthMethod.of(v.value())) {
                case SAS -> sas += v.devices();
                case X509 -> x509 += v.devices();
                case UNKNOWN -> { }
            }
        }
        int devices = Math.max(family.get().devices(), breakdown.get().devices());
        return new AffectedAuth(sas, x509, Math.max(0, devices - sas - x509));
    }

    private static AffectedAuth fromScope(Scope scope, int devices) {
        if (scope.kind() != ScopeKind.SUBSET || scope.dimension().filter(d -> d == Dimension.AUTH_TYPE).isEmpty()) {
            return new AffectedAuth(0, 0, devices);
        }
        int n = scope.affectedDevices();
        return switch (AuthMethod.of(scope.value().orElse(""))) {
            case SAS -> new AffectedAuth(n, 0, 0);
            case X509 -> new AffectedAuth(0, n, 0);
            case UNKNOWN -> new AffectedAuth(0, 0, n);
        };
    }

    int devices() {
        return sas + x509 + unknown;
    }

    /**
     * The rule: a change that reaches only SAS devices (local authentication, shared access policies and keys)
     * can explain only SAS devices' failures; one that reaches only X.509 devices (CA certificates, certificate
     * settings) only X.509 devices'. The affected devices' method is judged only when at least
     * {@code knownShare} of them have a known authType (else UNKNOWN); at least {@code share} of those on the
     * change's method is ALL, at least {@code share} on the other method is NONE, anything between is PART.
     */
    Fit fit(Set<AuthMethod> reach, double share, double knownShare) {
        if (reach.contains(AuthMethod.SAS) == reach.contains(AuthMethod.X509)) {
            return Fit.ANY;
        }
        AuthMethod method = reach.contains(AuthMethod.SAS) ? AuthMethod.SAS : AuthMethod.X509;
        int matching = method == AuthMethod.SAS ? sas : x509;
        int known = sas + x509;
        Fit.Kind kind;
        if (known == 0 || known < knownShare * devices()) {
            kind = Fit.Kind.UNKNOWN;
        } else if (matching >= share * known) {
            kind = Fit.Kind.ALL;
        } else if (known - matching >= share * known) {
            kind = Fit.Kind.NONE;
        } else {
            kind = Fit.Kind.PART;
        }
        return new Fit(kind, Optional.of(method), matching, known - matching, devices());
    }
}
