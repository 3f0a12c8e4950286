package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvent.ChangeOrigin;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;
import io.iothubtriage.evidence.ConnectionEvidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static io.iothubtriage.diagnosis.ChangeAttributionTest.ALICE;
import static io.iothubtriage.diagnosis.ChangeAttributionTest.change;
import static io.iothubtriage.diagnosis.ChangeAttributionTest.diagnose;
import static io.iothubtriage.diagnosis.ChangeAttributionTest.withoutChanges;
import static io.iothubtriage.testing.EvidenceFixtures.DROP;
import static io.iothubtriage.testing.EvidenceFixtures.HUB;
import static io.iothubtriage.testing.EvidenceFixtures.policySasRefusal;
import static org.assertj.core.api.Assertions.assertThat;

/** A change that opens access refuses nobody: listed, never promoted, never a revert step. */
class ChangeDirectionTest {

    @ParameterizedTest
    @CsvSource({
            "properties.disableLocalAuth, true, false",
            "properties.disableLocalAuth, \"true\", \"false\"",
            "properties.disableLocalAuth, True, False",
            "properties.publicNetworkAccess, Disabled, Enabled",
            "properties.networkRuleSets.defaultAction, Deny, Allow",
            "properties.minTlsVersion, 1.2, 1.0",
            "properties.ipFilterRules[0].action, Reject, Accept",
    })
    void aChangeThatOpensAccessBeforeRefusalsIsListedNotPromotedAndNotReverted(String path, String before,
                                                                               String after) {
        ConnectionEvidence auth = policySasRefusal().build();
        TriageReport plain = withoutChanges(auth);
        TriageReport r = diagnose(auth, change(DROP.minusSeconds(65), ALICE, path, before, after));

        assertThat(r.likelyCause()).isEmpty();
        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.relation()).isEqualTo(ChangeRelation.UNRELATED);
            assertThat(c.explains()).isEmpty();
        });
        assertThat(r.findings()).isEqualTo(plain.findings());
        assertThat(r.actions()).isEqualTo(plain.actions()).noneMatch(a -> a.contains("az iot hub update"));
    }

    @Test
    void anIpFilterRuleRemovedThatRejectedOpensAccessOneThatAcceptedIsUnknown() {
        assertThat(ChangeDirection.of(new PropertyChange("properties.ipFilterRules[1]",
                Optional.of("{\"filterName\":\"block-site\",\"action\":\"Reject\",\"ipMask\":\"10.0.0.0/8\"}"),
                Optional.empty(), "Remove"))).isEqualTo(ChangeDirection.OPENS);
        assertThat(ChangeDirection.of(new PropertyChange("properties.ipFilterRules[1]",
                Optional.of("{\"filterName\":\"site\",\"action\":\"Accept\",\"ipMask\":\"10.0.0.0/8\"}"),
                Optional.empty(), "Remove"))).isEqualTo(ChangeDirection.UNKNOWN);
        assertThat(ChangeDirection.of(new PropertyChange("properties.ipFilterRules[1].ipMask",
                Optional.of("10.0.0.0/8"), Optional.of("10.1.0.0/16"), "Update"))).isEqualTo(ChangeDirection.UNKNOWN);
        assertThat(ChangeDirection.of(new PropertyChange("properties.minTlsVersion", Optional.empty(),
                Optional.of("1.2"), "Insert"))).isEqualTo(ChangeDirection.CLOSES);
    }

    @Test
    void aCertificateAddedOpensAccessOneRemovedClosesIt() {
        ChangeEvent added = new ChangeEvent(DROP.minusSeconds(65), HUB.resourceId() + "/certificates/new-ca",
                "Microsoft.Devices/IotHubs/certificates/write", "Succeeded", "Create", ALICE,
                CallerKind.of(ALICE, ""), ChangeOrigin.RESOURCE_GRAPH, Optional.empty(), List.of());
        assertThat(ChangeDirection.of(added)).isEqualTo(ChangeDirection.OPENS);
        assertThat(ChangeKind.of(added)).isEqualTo(ChangeKind.NONE);
        assertThat(ChangeDirection.of(ChangeAttributionTest.caCertificateRemoved(DROP, ALICE)))
                .isEqualTo(ChangeDirection.CLOSES);
    }

    @Test
    void aChangeWhoseDirectionCannotBeReadKeepsItsAttributionButClaimsNoRefusal() {
        ConnectionEvidence auth = policySasRefusal().build();
        TriageReport r = diagnose(auth, change(DROP.minusSeconds(65), ALICE,
                "properties.authorizationPolicies[0].rights", "RegistryRead, DeviceConnect", "RegistryRead"));

        assertThat(r.likelyCause()).isPresent();
        assertThat(r.findings().get(0)).contains("properties.authorizationPolicies[0].rights")
                .doesNotContain("refuses").endsWith(", which it governs.");
    }

    @Test
    void theSwitchTurnedOffStillRefuses() {
        ConnectionEvidence auth = policySasRefusal().build();
        TriageReport r = diagnose(auth, change(DROP.minusSeconds(65), ALICE, "properties.disableLocalAuth",
                "\"false\"", "\"true\""));
        assertThat(r.likelyCause()).isPresent();
        assertThat(r.findings().get(0)).endsWith(", which it refuses.");
    }

    /** A write of five properties, the one that explains the errors last alphabetically: it is named first. */
    @Test
    void theExplainingPropertyOfAWriteComesFirstInTheSummaryAndTheStep() {
        List<PropertyChange> props = List.of(
                new PropertyChange("properties.authorizationPolicies[0].keyName", Optional.of("iothubowner"),
                        Optional.of("iothubowner2"), "Update"),
                new PropertyChange("properties.cloudToDevice.maxDeliveryCount", Optional.of("10"), Optional.of("20"),
                        "Update"),
                new PropertyChange("properties.comments", Optional.of("a"), Optional.of("b"), "Update"),
                new PropertyChange("properties.enableFileUploadNotifications", Optional.of("false"),
                        Optional.of("true"), "Update"),
                new PropertyChange("properties.disableLocalAuth", Optional.of("false"), Optional.of("true"),
                        "Update"));
        ChangeEvent write = new ChangeEvent(DROP.minusSeconds(65), HUB.resourceId(),
                "Microsoft.Devices/IotHubs/write", "Succeeded", "Update", ALICE, CallerKind.of(ALICE, ""),
                ChangeOrigin.BOTH, Optional.of("c-1"), props);
        TriageReport r = diagnose(policySasRefusal().build(), write);

        assertThat(r.likelyCause()).hasValueSatisfying(c -> {
            assertThat(c.summary()).startsWith("properties.disableLocalAuth false → true; "
                    + "properties.authorizationPolicies[0].keyName iothubowner → iothubowner2; and 3 more");
            assertThat(c.properties().get(0).path()).isEqualTo("properties.disableLocalAuth");
        });
        assertThat(r.findings().get(0)).contains(": properties.disableLocalAuth false → true;");
        assertThat(r.actions().get(0)).startsWith("Review or revert the change of properties.disableLocalAuth false → true;");
    }
}
