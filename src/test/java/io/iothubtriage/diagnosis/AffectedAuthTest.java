package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.AffectedAuth.Fit;
import io.iothubtriage.diagnosis.TriageReport.Scope;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.Dimension;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import static io.iothubtriage.diagnosis.AuthMethod.DEVICE_SAS;
import static io.iothubtriage.diagnosis.AuthMethod.HUB_SAS;
import static io.iothubtriage.diagnosis.AuthMethod.MODULE_SAS;
import static io.iothubtriage.diagnosis.AuthMethod.SAS;
import static io.iothubtriage.diagnosis.AuthMethod.UNKNOWN;
import static io.iothubtriage.diagnosis.AuthMethod.X509;
import static io.iothubtriage.testing.EvidenceFixtures.family;
import static io.iothubtriage.testing.EvidenceFixtures.spread;
import static io.iothubtriage.testing.EvidenceFixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

/** How the affected devices authenticate, and how far a change that reaches some credentials explains them. */
class AffectedAuthTest {

    static final Scope FLEET = new Scope(ScopeKind.FLEET, 300, 1204, Optional.empty(), Optional.empty());
    /** What disableLocalAuth (and a shared access policy's key) refuses. */
    static final EnumSet<AuthMethod> POLICY_SAS = EnumSet.of(HUB_SAS);
    /** What disableDeviceSAS refuses. */
    static final EnumSet<AuthMethod> DEVICE_KEYS = EnumSet.of(DEVICE_SAS);
    static final EnumSet<AuthMethod> X509_ONLY = EnumSet.of(X509);

    static AffectedAuth auth(int hubSas, int deviceSas, int x509, int unknown) {
        return new AffectedAuth(Map.of(HUB_SAS, hubSas, DEVICE_SAS, deviceSas, X509, x509, UNKNOWN, unknown));
    }

    @Test
    void authTypesAsTheReaderReducesThemAndAsTheScopeNamesThem() {
        assertThat(AuthMethod.of("device/sas")).isEqualTo(DEVICE_SAS);
        assertThat(AuthMethod.of("hub/sas")).isEqualTo(HUB_SAS);
        assertThat(AuthMethod.of("module/sas")).isEqualTo(MODULE_SAS);
        assertThat(AuthMethod.of("Device/SAS")).isEqualTo(DEVICE_SAS);
        assertThat(AuthMethod.of("sas")).isEqualTo(SAS);
        assertThat(AuthMethod.of("/sas")).isEqualTo(SAS);
        assertThat(AuthMethod.of("device/x509")).isEqualTo(X509);
        assertThat(AuthMethod.of("x509Certificate")).isEqualTo(X509);
        assertThat(AuthMethod.of("device/certificateAuthority")).isEqualTo(X509);
        assertThat(AuthMethod.of("device/selfSigned")).isEqualTo(X509);
        assertThat(AuthMethod.of("")).isEqualTo(UNKNOWN);
        assertThat(AuthMethod.of(null)).isEqualTo(UNKNOWN);
        assertThat(AuthMethod.of("device/none")).isEqualTo(UNKNOWN);
    }

    @Test
    void aSasTokenOfUnloggedScopeIsDecidedOnlyByAChangeReachingEveryScopeOrNone() {
        assertThat(SAS.reachedBy(EnumSet.of(HUB_SAS, DEVICE_SAS, MODULE_SAS))).contains(true);
        assertThat(SAS.reachedBy(X509_ONLY)).contains(false);
        assertThat(SAS.reachedBy(POLICY_SAS)).isEmpty();
        assertThat(UNKNOWN.reachedBy(EnumSet.allOf(AuthMethod.class))).isEmpty();
        assertThat(DEVICE_SAS.reachedBy(POLICY_SAS)).contains(false);
        assertThat(HUB_SAS.reachedBy(POLICY_SAS)).contains(true);
    }

    @Test
    void countsTheFamilysDevicesByMethodAndTheRestAsUnknown() {
        var f = family(CauseFamily.AUTHENTICATION, 300, 200, Map.of(Dimension.AUTH_TYPE,
                spread(280, 3, v("device/x509", 250), v("device/sas", 20), v("device/none", 10))));
        AffectedAuth a = AffectedAuth.of(Optional.of(f), FLEET);
        assertThat(a).isEqualTo(auth(0, 20, 250, 30));
        assertThat(a.fit(DEVICE_KEYS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.NONE);
        assertThat(a.fit(X509_ONLY, 0.9, 0.5)).isEqualTo(
                new Fit(Fit.Kind.ALL, X509_ONLY, 250, 20, 300, Map.of(DEVICE_SAS, 20)));
        assertThat(a.fit(EnumSet.allOf(AuthMethod.class), 0.9, 0.5)).isEqualTo(Fit.ANY);
        assertThat(a.fit(EnumSet.noneOf(AuthMethod.class), 0.9, 0.5)).isEqualTo(Fit.ANY);
    }

    @Test
    void theTokensScopeDecidesWhichSasSwitchCanExplainThem() {
        AffectedAuth deviceKeys = auth(0, 600, 0, 20);
        assertThat(deviceKeys.fit(POLICY_SAS, 0.9, 0.5)).isEqualTo(
                new Fit(Fit.Kind.NONE, POLICY_SAS, 0, 600, 620, Map.of(DEVICE_SAS, 600)));
        assertThat(deviceKeys.fit(DEVICE_KEYS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.ALL);
        assertThat(deviceKeys.fit(EnumSet.of(HUB_SAS, DEVICE_SAS, MODULE_SAS), 0.9, 0.5).kind())
                .isEqualTo(Fit.Kind.ALL);
        AffectedAuth policyTokens = auth(600, 0, 0, 20);
        assertThat(policyTokens.fit(POLICY_SAS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.ALL);
        assertThat(policyTokens.fit(DEVICE_KEYS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.NONE);
        assertThat(auth(400, 220, 0, 0).fit(POLICY_SAS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.PART);
        AffectedAuth unscoped = new AffectedAuth(Map.of(SAS, 600));
        assertThat(unscoped.fit(POLICY_SAS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.UNKNOWN);
        assertThat(unscoped.fit(X509_ONLY, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.NONE);
    }

    @Test
    void withoutABreakdownASubsetScopeOnAuthTypeSaysHowTheDevicesAuthenticate() {
        var f = family(CauseFamily.AUTHENTICATION, 300, 200, Map.of());
        Scope x509 = new Scope(ScopeKind.SUBSET, 300, 1204, Optional.of(Dimension.AUTH_TYPE),
                Optional.of("x509Certificate"));
        assertThat(AffectedAuth.of(Optional.of(f), x509)).isEqualTo(auth(0, 0, 300, 0));
        Scope hubSas = new Scope(ScopeKind.SUBSET, 300, 1204, Optional.of(Dimension.AUTH_TYPE),
                Optional.of("hub/sas"));
        assertThat(AffectedAuth.of(Optional.of(f), hubSas)).isEqualTo(auth(300, 0, 0, 0));
        assertThat(AffectedAuth.of(Optional.of(f), FLEET)).isEqualTo(auth(0, 0, 0, 300));
        assertThat(AffectedAuth.of(Optional.of(f), FLEET).fit(POLICY_SAS, 0.9, 0.5).kind())
                .isEqualTo(Fit.Kind.UNKNOWN);
    }

    @Test
    void theSharesDecideAllPartOrNone() {
        assertThat(auth(0, 90, 10, 0).fit(DEVICE_KEYS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.ALL);
        assertThat(auth(0, 89, 11, 0).fit(DEVICE_KEYS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.PART);
        assertThat(auth(0, 11, 89, 0).fit(DEVICE_KEYS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.PART);
        assertThat(auth(0, 10, 90, 0).fit(DEVICE_KEYS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.NONE);
        assertThat(auth(0, 50, 0, 50).fit(DEVICE_KEYS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.ALL);
        assertThat(auth(0, 49, 0, 51).fit(DEVICE_KEYS, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.UNKNOWN);
        assertThat(auth(0, 0, 0, 0).fit(X509_ONLY, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.UNKNOWN);
    }
}
