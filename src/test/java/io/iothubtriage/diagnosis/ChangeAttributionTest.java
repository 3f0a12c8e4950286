package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.ChangeLine;
import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvent.ChangeOrigin;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;
import io.iothubtriage.evidence.ChangeEvidence;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.Evidence;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.iothubtriage.testing.EvidenceFixtures.DROP;
import static io.iothubtriage.testing.EvidenceFixtures.HUB;
import static io.iothubtriage.testing.EvidenceFixtures.NOW;
import static io.iothubtriage.testing.EvidenceFixtures.certificateExpiry;
import static io.iothubtriage.testing.EvidenceFixtures.cleanShutdown;
import static io.iothubtriage.testing.EvidenceFixtures.healthy;
import static io.iothubtriage.testing.EvidenceFixtures.policySasRefusal;
import static io.iothubtriage.testing.EvidenceFixtures.authRefusal;
import static io.iothubtriage.testing.EvidenceFixtures.request;
import static io.iothubtriage.testing.EvidenceFixtures.sasRefusal;
import static io.iothubtriage.testing.EvidenceFixtures.siteNetworkOutage;
import static io.iothubtriage.testing.EvidenceFixtures.typicalDrop;
import static org.assertj.core.api.Assertions.assertThat;

/** Which change the report names as the cause, and that changes never move the verdict. */
class ChangeAttributionTest {

    static final String ALICE = "alice@contoso.com";
    static final String PIPELINE = "5c3f1d7e-2b4a-4e8f-9a6b-1c2d3e4f5a6b";

    static ChangeEvent change(Instant at, String caller, String path, String before, String after) {
        return new ChangeEvent(at, HUB.resourceId(), "Microsoft.Devices/IotHubs/write", "Succeeded", "Update", caller,
                CallerKind.of(caller, ""), ChangeOrigin.BOTH, Optional.of("c-" + at.getEpochSecond()),
                List.of(new PropertyChange(path, Optional.ofNullable(before), Optional.ofNullable(after), "Update")));
    }

    static ChangeEvent localAuthOff(Instant at, String caller) {
        return change(at, caller, "properties.disableLocalAuth", "false", "true");
    }

    /** A CA certificate removed from the hub (an Activity Log delete of its certificates child). */
    static ChangeEvent caCertificateRemoved(Instant at, String caller) {
        return new ChangeEvent(at, HUB.resourceId() + "/certificates/contoso-root-ca",
                "Microsoft.Devices/IotHubs/certificates/delete", "Succeeded", "Delete", caller,
                CallerKind.of(caller, ""), ChangeOrigin.ACTIVITY_LOG, Optional.of("c-" + at.getEpochSecond()),
                List.of());
    }

    static TriageReport diagnose(ConnectionEvidence c, ChangeEvent... changes) {
        Evidence e = new Evidence(Optional.of(c), Optional.of(healthy()), Optional.of(typicalDrop()),
                Optional.of(ChangeEvidence.bounded(List.of(changes))), List.of());
        return Diagnosis.diagnose(request(), e, DiagnosisOptions.defaults(), NOW);
    }

    static TriageReport withoutChanges(ConnectionEvidence c) {
        Evidence e = new Evidence(Optional.of(c), Optional.of(healthy()), Optional.of(typicalDrop()), List.of());
        return Diagnosis.diagnose(request(), e, DiagnosisOptions.defaults(), NOW);
    }

    /**
     * Alice's switch of {@code path} false → true at 10:39 is the first finding, naming the tokens the 620 failing
     * devices use ("SAS tokens signed with {@code signer}"), and the first step, with the command that undoes it.
     */
    static void assertNamesTheSwitchFirst(TriageReport r, String path, String signer) {
        assertThat(r.findings().get(0)).isEqualTo("A change by alice@contoso.com at 10:39 UTC, 1 minute before "
                + "401003 started, can explain these authentication errors: " + path + " false → true "
                + "(IotHubs/write, attribution HIGH); all 620 failing devices authenticate with SAS tokens signed with "
                + signer + ", which it refuses.");
        assertThat(r.actions().get(0)).startsWith("Review or revert the change of " + path + " false → true by "
                + "alice@contoso.com, 10:39 UTC, 1 minute before 401003 started (to undo it: az iot hub update --name "
                + HUB.name() + " --set " + path + "=false)");
    }

    @Test
    void aUsersAuthChangeAMinuteBeforeTheOnsetIsTheFirstFindingAndTheFirstStep() {
        ConnectionEvidence auth = policySasRefusal().build();
        TriageReport plain = withoutChanges(auth);
        TriageReport r = diagnose(auth, localAuthOff(DROP.minusSeconds(65), ALICE));

        assertThat(r.verdict()).isEqualTo(Verdict.AUTHENTICATION_FAILURES).isEqualTo(plain.verdict());
        assertThat(r.confidence()).isEqualTo(plain.confidence());
        ChangeLine c = r.likelyCause().orElseThrow();
        assertThat(c.relation()).isEqualTo(ChangeRelation.LIKELY_CAUSE);
        assertThat(c.explains()).contains(CauseFamily.AUTHENTICATION);
        assertThat(c.attributionConfidence()).contains(Confidence.HIGH);
        assertThat(c.beforeOnset()).contains(Duration.ofSeconds(65));
        assertNamesTheSwitchFirst(r, "properties.disableLocalAuth", "the hub's shared access policies");
        assertThat(r.findings().get(1)).isEqualTo(plain.findings().get(0));
        assertThat(r.actions().subList(1, r.actions().size())).isEqualTo(
                plain.actions().subList(0, r.actions().size() - 1));
    }

    @Test
    void localAuthOffCannotExplainX509DevicesFailuresItIsListedOnly() {
        ConnectionEvidence x509 = certificateExpiry().build();
        TriageReport plain = withoutChanges(x509);
        TriageReport r = diagnose(x509, localAuthOff(DROP.minusSeconds(65), ALICE));

        assertThat(r.scope().dimension()).contains(io.iothubtriage.evidence.Dimension.AUTH_TYPE);
        assertThat(r.scope().value()).contains("device/x509");
        assertThat(r.likelyCause()).isEmpty();
        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.relation()).isEqualTo(ChangeRelation.UNRELATED);
            assertThat(c.explains()).isEmpty();
            assertThat(c.attributionConfidence()).isEmpty();
            assertThat(c.beforeOnset()).contains(Duration.ofSeconds(65));
        });
        // One sentence says why it is not the cause; nothing else changes.
        String why = "The change of properties.disableLocalAuth false → true by alice@contoso.com at 10:39 UTC cannot "
                + "explain these errors: it refuses only SAS tokens signed with the hub's shared access policies, and "
                + "484 of the 504 failing devices authenticate with X.509 certificates, 20 with SAS tokens signed with "
                + "their own device keys.";
        assertThat(r.findings()).contains(why);
        assertThat(r.findings().stream().filter(f -> !f.equals(why)).toList()).isEqualTo(plain.findings());
        assertThat(r.findings()).filteredOn(f -> f.contains("disableLocalAuth")).containsExactly(why);
        assertThat(r.actions()).isEqualTo(plain.actions());
        assertThat(r.headline()).isEqualTo(plain.headline());
    }

    @Test
    void localAuthOffCannotExplainDevicesThatSignWithTheirOwnKeys() {
        // disableLocalAuth refuses hub-scoped (shared access policy) tokens only; device/sas devices sign their
        // tokens with their own keys, so the switch is listed, and one finding says why it is not the cause.
        ConnectionEvidence deviceKeys = sasRefusal().build();
        TriageReport plain = withoutChanges(deviceKeys);
        TriageReport r = diagnose(deviceKeys, localAuthOff(DROP.minusSeconds(65), ALICE));

        assertThat(r.likelyCause()).isEmpty();
        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.relation()).isEqualTo(ChangeRelation.UNRELATED);
            assertThat(c.explains()).isEmpty();
            assertThat(c.attributionConfidence()).isEmpty();
        });
        String why = "The change of properties.disableLocalAuth false → true by alice@contoso.com at 10:39 UTC cannot "
                + "explain these errors: it refuses only SAS tokens signed with the hub's shared access policies, and "
                + "all 620 failing devices authenticate with SAS tokens signed with their own device keys.";
        assertThat(r.findings()).filteredOn(f -> f.contains("disableLocalAuth")).containsExactly(why);
        assertThat(r.findings().stream().filter(f -> !f.equals(why)).toList()).isEqualTo(plain.findings());
        assertThat(r.actions()).isEqualTo(plain.actions());
    }

    @Test
    void deviceSasOffIsTheLikelyCauseForDevicesThatSignWithTheirOwnKeys() {
        TriageReport r = diagnose(sasRefusal().build(), change(DROP.minusSeconds(65), ALICE,
                "properties.disableDeviceSAS", "false", "true"));
        ChangeLine c = r.likelyCause().orElseThrow();
        assertThat(c.attributionConfidence()).contains(Confidence.HIGH);
        assertNamesTheSwitchFirst(r, "properties.disableDeviceSAS", "their own device keys");
    }

    @Test
    void deviceSasOffCannotExplainModulesOrPolicyTokens() {
        TriageReport modules = diagnose(authRefusal("module/sas", 620, 0, 0).build(), change(DROP.minusSeconds(65),
                ALICE, "properties.disableDeviceSAS", "false", "true"));
        assertThat(modules.likelyCause()).isEmpty();
        assertThat(modules.changes().get(0).relation()).isEqualTo(ChangeRelation.UNRELATED);
        assertThat(modules.findings()).filteredOn(f -> f.contains("disableDeviceSAS")).containsExactly(
                "The change of properties.disableDeviceSAS false → true by alice@contoso.com at 10:39 UTC cannot "
                        + "explain these errors: it refuses only SAS tokens signed with the devices' own keys, and all "
                        + "620 failing devices authenticate with SAS tokens signed with their module keys.");

        TriageReport moduleSasOff = diagnose(authRefusal("module/sas", 620, 0, 0).build(),
                change(DROP.minusSeconds(65), ALICE, "properties.disableModuleSAS", "false", "true"));
        assertThat(moduleSasOff.likelyCause()).hasValueSatisfying(c ->
                assertThat(c.attributionConfidence()).contains(Confidence.HIGH));

        TriageReport policies = diagnose(policySasRefusal().build(), change(DROP.minusSeconds(65), ALICE,
                "properties.disableDeviceSAS", "false", "true"));
        assertThat(policies.likelyCause()).isEmpty();
        assertThat(policies.changes().get(0).relation()).isEqualTo(ChangeRelation.UNRELATED);
    }

    @Test
    void aPolicyKeyRegenerationReachesOnlyPolicyTokens() {
        ChangeEvent regenerated = change(DROP.minusSeconds(65), ALICE,
                "properties.authorizationPolicies[1].primaryKey", "(masked)", "(masked)");
        TriageReport deviceKeys = diagnose(sasRefusal().build(), regenerated);
        assertThat(deviceKeys.likelyCause()).isEmpty();
        assertThat(deviceKeys.changes().get(0).relation()).isEqualTo(ChangeRelation.UNRELATED);

        TriageReport policyTokens = diagnose(policySasRefusal().build(), regenerated);
        assertThat(policyTokens.likelyCause()).hasValueSatisfying(c ->
                assertThat(c.attributionConfidence()).contains(Confidence.HIGH));
    }

    @Test
    void sasTokensOfUnloggedScopeKeepLocalAuthOffBelowHigh() {
        // "sas" without a scope: which switch refuses them the logs do not say.
        TriageReport r = diagnose(authRefusal("sas", 620, 0, 0).build(), localAuthOff(DROP.minusSeconds(65), ALICE));
        ChangeLine c = r.likelyCause().orElseThrow();
        assertThat(c.attributionConfidence()).contains(Confidence.MEDIUM);
        assertThat(r.findings().get(0)).contains("if the failing devices authenticate with SAS tokens signed with "
                + "the hub's shared access policies (the logs do not say how most of them authenticate)");
    }

    @Test
    void policyAndDeviceKeyTokensBothFailingMakeLocalAuthOffAPossibleCause() {
        ConnectionEvidence both = authRefusal(java.util.Map.of("hub/sas", 400, "device/sas", 220), 0).build();
        TriageReport r = diagnose(both, localAuthOff(DROP.minusSeconds(65), ALICE));
        assertThat(r.likelyCause()).isEmpty();
        assertThat(r.changes().get(0).relation()).isEqualTo(ChangeRelation.POSSIBLE_CAUSE);
        assertThat(r.changes().get(0).attributionConfidence()).contains(Confidence.MEDIUM);
        assertThat(r.findings()).anyMatch(f -> f.startsWith("A change that could explain these errors, for the 400 "
                + "of 620 failing devices that authenticate with SAS tokens signed with the hub's shared access "
                + "policies: properties.disableLocalAuth false → true"));
    }

    @Test
    void mostlyX509DevicesWithoutAScopeOnAuthTypeStillRuleLocalAuthOut() {
        // 590 X.509 and 30 SAS devices fail: no one value dominates enough for a SUBSET scope, but a change that
        // refuses only SAS devices explains at most the 30.
        TriageReport r = diagnose(authRefusal("hub/sas", 30, 590, 0).build(), localAuthOff(DROP.minusSeconds(65), ALICE));
        assertThat(r.verdict()).isEqualTo(Verdict.AUTHENTICATION_FAILURES);
        assertThat(r.likelyCause()).isEmpty();
        assertThat(r.changes().get(0).relation()).isEqualTo(ChangeRelation.UNRELATED);
        assertThat(r.findings()).filteredOn(f -> f.contains("disableLocalAuth")).singleElement()
                .satisfies(f -> assertThat(f).contains("cannot explain these errors")
                        .contains("590 of the 620 failing devices authenticate with X.509 certificates"));
        assertThat(r.actions()).noneMatch(a -> a.contains("disableLocalAuth"));
    }

    @Test
    void aCaCertificateRemovalExplainsX509DevicesButNotSasDevices() {
        TriageReport sas = diagnose(sasRefusal().build(), caCertificateRemoved(DROP.minusSeconds(120), ALICE));
        assertThat(sas.likelyCause()).isEmpty();
        assertThat(sas.changes()).singleElement().satisfies(c -> {
            assertThat(c.relation()).isEqualTo(ChangeRelation.UNRELATED);
            assertThat(c.summary()).isEqualTo("certificate contoso-root-ca removed");
        });
        assertThat(sas.findings()).filteredOn(f -> f.contains("contoso-root-ca")).containsExactly(
                "Certificate contoso-root-ca removed by alice@contoso.com at 10:39 UTC cannot explain these errors: it "
                        + "refuses only devices that authenticate with X.509 certificates, and all 620 failing "
                        + "devices authenticate with SAS tokens signed with their own device keys.");
        assertThat(sas.actions()).noneMatch(a -> a.contains("contoso-root-ca"));

        TriageReport x509 = diagnose(certificateExpiry().build(), caCertificateRemoved(DROP.minusSeconds(120), ALICE));
        assertThat(x509.likelyCause()).hasValueSatisfying(c -> {
            assertThat(c.explains()).contains(CauseFamily.AUTHENTICATION);
            assertThat(c.attributionConfidence()).contains(Confidence.HIGH);
        });
        assertThat(x509.actions().get(0)).startsWith("Review or revert certificate contoso-root-ca removed by "
                + "alice@contoso.com, 10:39 UTC, 2 minutes before 401003 started");
    }

    @Test
    void devicesOfBothMethodsMakeLocalAuthOffAPossibleCauseAtMostMedium() {
        TriageReport r = diagnose(authRefusal("hub/sas", 400, 220, 0).build(), localAuthOff(DROP.minusSeconds(65), ALICE));
        assertThat(r.verdict()).isEqualTo(Verdict.AUTHENTICATION_FAILURES);
        assertThat(r.likelyCause()).isEmpty();
        ChangeLine c = r.changes().get(0);
        assertThat(c.relation()).isEqualTo(ChangeRelation.POSSIBLE_CAUSE);
        assertThat(c.attributionConfidence()).contains(Confidence.MEDIUM);
        assertThat(r.findings()).contains("A change that could explain these errors, for the 400 of 620 failing "
                + "devices that authenticate with SAS tokens signed with the hub's shared access policies: "
                + "properties.disableLocalAuth false → true by "
                + "alice@contoso.com at 10:39 UTC, 1 minute before 401003 started.");
        assertThat(r.actions().get(0)).doesNotStartWith("Review or revert");
    }

    @Test
    void devicesWithoutAnAuthTypeKeepLocalAuthOffTheLikelyCauseButNotAtHigh() {
        TriageReport r = diagnose(authRefusal("hub/sas", 40, 0, 580).build(), localAuthOff(DROP.minusSeconds(65), ALICE));
        ChangeLine c = r.likelyCause().orElseThrow();
        assertThat(c.attributionConfidence()).contains(Confidence.MEDIUM);
        assertThat(r.findings().get(0)).isEqualTo("A change by alice@contoso.com at 10:39 UTC, 1 minute before "
                + "401003 started, can explain these authentication errors if the failing devices authenticate with "
                + "SAS tokens signed with the hub's shared access policies (the logs do not say how most of them "
                + "authenticate): properties.disableLocalAuth false → true (IotHubs/write, attribution MEDIUM).");
        assertThat(r.actions().get(0)).startsWith("Review or revert the change of properties.disableLocalAuth")
                .endsWith("; confirm with its author whether it was intended and whether the failing devices "
                        + "authenticate with SAS tokens signed with the hub's shared access policies.");
    }

    @Test
    void networkChangesExplainDevicesWhateverTheirAuthenticationMethod() {
        TriageReport r = diagnose(certificateExpiry().build(), change(DROP.minusSeconds(120), ALICE,
                "properties.publicNetworkAccess", "Enabled", "Disabled"));
        assertThat(r.likelyCause()).hasValueSatisfying(c -> {
            assertThat(c.explains()).contains(CauseFamily.AUTHENTICATION);
            assertThat(c.attributionConfidence()).contains(Confidence.HIGH);
        });
        assertThat(r.findings().get(0)).contains("can explain these authentication errors: "
                + "properties.publicNetworkAccess Enabled → Disabled");
    }

    @Test
    void aWriteThatTouchesBothSasAndCertificatesReachesX509Devices() {
        ChangeEvent both = new ChangeEvent(DROP.minusSeconds(65), HUB.resourceId(), "Microsoft.Devices/IotHubs/write",
                "Succeeded", "Update", ALICE, CallerKind.USER, ChangeOrigin.BOTH, Optional.of("c-both"), List.of(
                new PropertyChange("properties.disableLocalAuth", Optional.of("false"), Optional.of("true"), "Update"),
                new PropertyChange("properties.rootCertificate.enableRootCertificateV2", Optional.of("false"),
                        Optional.of("true"), "Update")));
        TriageReport r = diagnose(certificateExpiry().build(), both);
        assertThat(r.likelyCause()).hasValueSatisfying(c ->
                assertThat(c.attributionConfidence()).contains(Confidence.HIGH));
    }

    @Test
    void aChangeAfterTheOnsetIsListedButNotPromoted() {
        TriageReport r = diagnose(policySasRefusal().build(), localAuthOff(DROP.plus(Duration.ofMinutes(5)), ALICE));
        assertThat(r.likelyCause()).isEmpty();
        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.relation()).isEqualTo(ChangeRelation.UNRELATED);
            assertThat(c.beforeOnset()).contains(Duration.ofMinutes(-5));
            assertThat(c.explains()).isEmpty();
        });
        assertThat(r.findings()).noneMatch(f -> f.contains("disableLocalAuth"));
        assertThat(r.actions()).noneMatch(a -> a.contains("disableLocalAuth"));
    }

    @Test
    void aChangeWithinTheSlackAfterTheOnsetStillCounts() {
        TriageReport r = diagnose(policySasRefusal().build(), localAuthOff(DROP.plusSeconds(40), ALICE));
        assertThat(r.likelyCause()).isPresent();
        assertThat(r.findings().get(0)).contains("as 401003 started");
    }

    @Test
    void aChangeLongBeforeTheOnsetIsAtMostPossibleAndBeyondTwoHoursUnrelated() {
        TriageReport ninety = diagnose(policySasRefusal().build(), localAuthOff(DROP.minus(Duration.ofMinutes(90)), ALICE));
        assertThat(ninety.likelyCause()).isEmpty();
        assertThat(ninety.changes().get(0).relation()).isEqualTo(ChangeRelation.POSSIBLE_CAUSE);
        assertThat(ninety.changes().get(0).attributionConfidence()).contains(Confidence.LOW);
        assertThat(ninety.findings()).anyMatch(f -> f.startsWith("A change that could explain these errors: "
                + "properties.disableLocalAuth false → true by alice@contoso.com at 09:11 UTC, 90 minutes before "
                + "401003 started"));

        TriageReport old = diagnose(policySasRefusal().build(), localAuthOff(DROP.minus(Duration.ofMinutes(150)), ALICE));
        assertThat(old.changes().get(0).relation()).isEqualTo(ChangeRelation.UNRELATED);
        assertThat(old.findings()).noneMatch(f -> f.contains("disableLocalAuth"));
    }

    @Test
    void aServicePrincipalsChangeIsAPossibleCauseNotTheLikelyOne() {
        TriageReport r = diagnose(policySasRefusal().build(), localAuthOff(DROP.minusSeconds(65), PIPELINE));
        assertThat(r.likelyCause()).isEmpty();
        ChangeLine c = r.changes().get(0);
        assertThat(c.callerKind()).isEqualTo(CallerKind.APPLICATION);
        assertThat(c.relation()).isEqualTo(ChangeRelation.POSSIBLE_CAUSE);
        assertThat(c.attributionConfidence()).contains(Confidence.MEDIUM);
        assertThat(r.findings()).anyMatch(f -> f.contains("by application " + PIPELINE
                + " (made by software, so probably intended)"));
        assertThat(r.actions().get(0)).doesNotStartWith("Review or revert");
    }

    @Test
    void aTagEditExplainsNothingAndLeavesTheReportAsItWas() {
        ConnectionEvidence auth = certificateExpiry().build();
        TriageReport plain = withoutChanges(auth);
        TriageReport r = diagnose(auth, change(DROP.minusSeconds(65), ALICE, "tags.owner", "ops", "iot-team"));
        assertThat(r.verdict()).isEqualTo(plain.verdict());
        assertThat(r.confidence()).isEqualTo(plain.confidence());
        assertThat(r.headline()).isEqualTo(plain.headline());
        assertThat(r.findings()).isEqualTo(plain.findings());
        assertThat(r.actions()).isEqualTo(plain.actions());
        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.relation()).isEqualTo(ChangeRelation.UNRELATED);
            assertThat(c.summary()).isEqualTo("tags.owner ops → iot-team");
        });
    }

    @Test
    void anAuthChangeCannotExplainNetworkErrorsButAnIpFilterChangeCan() {
        ConnectionEvidence network = siteNetworkOutage().build();
        TriageReport auth = diagnose(network, localAuthOff(DROP.minusSeconds(120), ALICE));
        assertThat(auth.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        assertThat(auth.changes().get(0).relation()).isEqualTo(ChangeRelation.UNRELATED);

        TriageReport ip = diagnose(network, change(DROP.minusSeconds(120), ALICE,
                "properties.networkRuleSets.ipRules[0].action", "Allow", "Deny"));
        assertThat(ip.likelyCause()).hasValueSatisfying(c -> {
            assertThat(c.explains()).contains(CauseFamily.NETWORK_OR_KEEPALIVE);
            assertThat(c.attributionConfidence()).contains(Confidence.HIGH);
        });
        assertThat(ip.findings().get(0)).contains("can explain these network or keep-alive errors");
    }

    @Test
    void noCauseMeansNoChangeIsPromoted() {
        TriageReport r = diagnose(cleanShutdown().build(), localAuthOff(DROP.minusSeconds(65), ALICE));
        assertThat(r.verdict()).isEqualTo(Verdict.NO_CONNECTION_ERRORS);
        assertThat(r.changes().get(0).relation()).isEqualTo(ChangeRelation.UNRELATED);
        assertThat(r.likelyCause()).isEmpty();
    }

    @Test
    void onlyTheNearestQualifyingChangeIsTheLikelyCause() {
        TriageReport r = diagnose(policySasRefusal().build(),
                localAuthOff(DROP.minus(Duration.ofMinutes(20)), ALICE),
                change(DROP.minus(Duration.ofMinutes(3)), "bob@contoso.com", "properties.authorizationPolicies",
                        "[…]", "[…]"));
        assertThat(r.changes()).extracting(ChangeLine::relation)
                .containsExactly(ChangeRelation.POSSIBLE_CAUSE, ChangeRelation.LIKELY_CAUSE);
        assertThat(r.likelyCause().get().caller()).isEqualTo("bob@contoso.com");
    }

    @Test
    void aFailedChangeChangedNothing() {
        ChangeEvent failed = new ChangeEvent(DROP.minusSeconds(65), HUB.resourceId(), "Microsoft.Devices/IotHubs/write",
                "Failed", "Update", ALICE, CallerKind.USER, ChangeOrigin.ACTIVITY_LOG, Optional.empty(), List.of());
        TriageReport r = diagnose(certificateExpiry().build(), failed);
        assertThat(r.changes().get(0).relation()).isEqualTo(ChangeRelation.UNRELATED);
    }

    @Test
    void aBusyHistoryKeepsTheRelatedChangesAndTheUnrelatedOnesNearestTheOnset() {
        List<ChangeEvent> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            many.add(change(DROP.minus(Duration.ofMinutes(3 * i)), ALICE, "tags.build", "b" + i, "b" + (i + 1)));
        }
        many.add(localAuthOff(DROP.minus(Duration.ofMinutes(100)), PIPELINE));
        TriageReport r = diagnose(policySasRefusal().build(), many.toArray(ChangeEvent[]::new));
        assertThat(r.changes()).hasSize(TriageReport.MAX_CHANGES);
        assertThat(r.changes()).filteredOn(c -> c.relation() == ChangeRelation.POSSIBLE_CAUSE).hasSize(1);
        assertThat(r.changes()).filteredOn(c -> c.relation() == ChangeRelation.UNRELATED)
                .allSatisfy(c -> assertThat(c.beforeOnset().get()).isLessThanOrEqualTo(Duration.ofMinutes(57)));
        assertThat(r.changes()).isSortedAccordingTo(java.util.Comparator.comparing(ChangeLine::time));
    }

    @Test
    void aRelatedResourcesChangeExplainsItsFamilyAndTheFindingNamesIt() {
        String pe = "/subscriptions/" + HUB.subscriptionId()
                + "/resourceGroups/network-rg/providers/Microsoft.Network/privateEndpoints/contoso-pe";
        ChangeEvent peDeleted = new ChangeEvent(DROP.minusSeconds(120), pe, "Microsoft.Network/privateEndpoints/delete",
                "Succeeded", "Delete", ALICE, CallerKind.USER, ChangeOrigin.RESOURCE_GRAPH, Optional.empty(), List.of());
        TriageReport network = diagnose(siteNetworkOutage().build(), peDeleted);
        assertThat(network.likelyCause()).hasValueSatisfying(c -> {
            assertThat(c.resourceId()).isEqualTo(pe);
            assertThat(c.explains()).contains(CauseFamily.NETWORK_OR_KEEPALIVE);
            assertThat(c.attributionConfidence()).contains(Confidence.HIGH);
        });
        assertThat(network.findings().get(0)).contains("private endpoint contoso-pe deleted")
                .contains("can explain these network or keep-alive errors");

        String dps = "/subscriptions/" + HUB.subscriptionId() + "/resourceGroups/" + HUB.resourceGroup()
                + "/providers/Microsoft.Devices/provisioningServices/contoso-dps";
        ChangeEvent unlinked = new ChangeEvent(DROP.minusSeconds(300), dps, "Microsoft.Devices/provisioningServices/write",
                "Succeeded", "Update", ALICE, CallerKind.USER, ChangeOrigin.RESOURCE_GRAPH, Optional.empty(),
                List.of(new PropertyChange("properties.iotHubs[0].name", Optional.of(HUB.name() + ".azure-devices.net"),
                        Optional.empty(), "Remove")));
        TriageReport auth = diagnose(certificateExpiry().build(), unlinked);
        assertThat(auth.likelyCause()).hasValueSatisfying(c -> {
            assertThat(c.explains()).contains(CauseFamily.AUTHENTICATION);
            assertThat(c.attributionConfidence()).contains(Confidence.HIGH);
        });
        assertThat(auth.findings().get(0)).contains("properties.iotHubs[0].name").contains(" on contoso-dps");

        ChangeEvent dpsTagged = new ChangeEvent(DROP.minusSeconds(300), dps, "Microsoft.Devices/provisioningServices/write",
                "Succeeded", "Update", ALICE, CallerKind.USER, ChangeOrigin.RESOURCE_GRAPH, Optional.empty(),
                List.of(new PropertyChange("tags.owner", Optional.empty(), Optional.of("ops"), "Insert")));
        assertThat(diagnose(certificateExpiry().build(), dpsTagged).changes().get(0).relation())
                .isEqualTo(ChangeRelation.UNRELATED);
    }
}
