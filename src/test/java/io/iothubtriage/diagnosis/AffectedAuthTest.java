package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.AffectedAuth.Fit;
import io.iothubtriage.diagnosis.TriageReport.Scope;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.Dimension;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import static io.iothubtriage.testing.EvidenceFixtures.family;
import static io.iothubtriage.testing.EvidenceFixtures.spread;
import static io.iothubtriage.testing.EvidenceFixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

/** How the affected devices authenticate, and how far a change that reaches one method explains them. */
class AffectedAuthTest {

    static final Scope FLEET = new Scope(ScopeKind.FLEET, 300, 1204, Optional.empty(), Optional.empty());
    static final EnumSet<AuthMethod> SAS_ONLY = EnumSet.of(AuthMethod.SAS);
    static final EnumSet<AuthMethod> X509_ONLY = EnumSet.of(AuthMethod.X509);

    @Test
    void authTypesAsTheReaderReducesThemAndAsTheScopeNamesThem() {
        assertThat(AuthMethod.of("device/sas")).isEqualTo(AuthMethod.SAS);
        assertThat(AuthMethod.of("hub/sas")).isEqualTo(AuthMethod.SAS);
        assertThat(AuthMethod.of("module/sas")).isEqualTo(AuthMethod.SAS);
        assertThat(AuthMethod.of("device/x509")).isEqualTo(AuthMethod.X509);
        assertThat(AuthMethod.of("x509Certificate")).isEqualTo(AuthMethod.X509);
        assertThat(AuthMethod.of("device/certificateAuthority")).isEqualTo(AuthMethod.X509);
        assertThat(AuthMethod.of("device/selfSigned")).isEqualTo(AuthMethod.X509);
        assertThat(AuthMethod.of("")).isEqualTo(AuthMethod.UNKNOWN);
        assertThat(AuthMethod.of(null)).isEqualTo(AuthMethod.UNKNOWN);
        assertThat(AuthMethod.of("device/none")).isEqualTo(AuthMethod.UNKNOWN);
    }

    @Test
    void countsTheFamilysDevicesByMethodAndTheRestAsUnknown() {
        var f = family(CauseFamily.AUTHENTICATION, 300, 200, Map.of(Dimension.AUTH_TYPE,
                spread(280, 3, v("device/x509", 250), v("device/sas", 20), v("device/none", 10))));
        AffectedAuth a = AffectedAuth.of(Optional.of(f), FLEET);
        assertThat(a).isEqualTo(new AffectedAuth(20, 250, 30));
        assertThat(a.fit(SAS_ONLY, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.NONE);
        assertThat(a.fit(X509_ONLY, 0.9, 0.5)).isEqualTo(new Fit(Fit.Kind.ALL, Optional.of(AuthMethod.X509), 250, 20, 300));
        assertThat(a.fit(EnumSet.allOf(AuthMethod.class), 0.9, 0.5)).isEqualTo(Fit.ANY);
        assertThat(a.fit(EnumSet.noneOf(AuthMethod.class), 0.9, 0.5)).isEqualTo(Fit.ANY);
    }

    @Test
    void withoutABreakdownASubsetScopeOnAuthTypeSaysHowTheDevicesAuthenticate() {
        var f = family(CauseFamily.AUTHENTICATION, 300, 200, Map.of());
        Scope x509 = new Scope(ScopeKind.SUBSET, 300, 1204, Optional.of(Dimension.AUTH_TYPE),
                Optional.of("x509Certificate"));
        assertThat(AffectedAuth.of(Optional.of(f), x509)).isEqualTo(new AffectedAuth(0, 300, 0));
        assertThat(AffectedAuth.of(Optional.of(f), FLEET)).isEqualTo(new AffectedAuth(0, 0, 300));
        assertThat(AffectedAuth.of(Optional.of(f), FLEET).fit(SAS_ONLY, 0.9, 0.5).kind())
                .isEqualTo(Fit.Kind.UNKNOWN);
    }

    @Test
    void theSharesDecideAllPartOrNone() {
        assertThat(new AffectedAuth(90, 10, 0).fit(SAS_ONLY, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.ALL);
        assertThat(new AffectedAuth(89, 11, 0).fit(SAS_ONLY, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.PART);
        assertThat(new AffectedAuth(11, 89, 0).fit(SAS_ONLY, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.PART);
        assertThat(new AffectedAuth(10, 90, 0).fit(SAS_ONLY, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.NONE);
        assertThat(new AffectedAuth(50, 0, 50).fit(SAS_ONLY, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.ALL);
        assertThat(new AffectedAuth(49, 0, 51).fit(SAS_ONLY, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.UNKNOWN);
        assertThat(new AffectedAuth(0, 0, 0).fit(X509_ONLY, 0.9, 0.5).kind()).isEqualTo(Fit.Kind.UNKNOWN);
    }
}
