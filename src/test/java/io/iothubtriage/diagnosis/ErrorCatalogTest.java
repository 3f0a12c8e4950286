package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCatalogTest {

    /** Every code of domain.md §2 (its table and the lists under it), with the name it gives. */
    private static final List<String[]> DOMAIN_CODES = List.of(
            new String[]{"400027", "ConnectionForcefullyClosedOnNewConnection"},
            new String[]{"400029", "ConnectionForcefullyClosedOnFaultInjection"},
            new String[]{"400030", "ConnectionRejectedOnFaultInjection"},
            new String[]{"401001", "IotHubNotFound"},
            new String[]{"401002", "IotHubUnauthorizedAccess"},
            new String[]{"401003", "IoTHubUnauthorized"},
            new String[]{"403001", "IotHubSuspended"},
            new String[]{"403002", "IoTHubQuotaExceeded"},
            new String[]{"403004", "DeviceMaximumQueueDepthExceeded"},
            new String[]{"403006", "DeviceMaximumActiveFileUploadLimitExceeded"},
            new String[]{"403012", "DeviceDisabled"},
            new String[]{"404001", "DeviceNotFound"},
            new String[]{"404012", "IotHubFailingOver"},
            new String[]{"404102", "DeviceNotOnline"},
            new String[]{"404103", "DeviceNotOnline"},
            new String[]{"404104", "DeviceConnectionClosedRemotely"},
            new String[]{"409001", "DeviceAlreadyExists"},
            new String[]{"409002", "LinkCreationConflict"},
            new String[]{"412002", "DeviceMessageLockLost"},
            new String[]{"413001", "MessageTooLarge"},
            new String[]{"429000", "GenericTooManyRequests"},
            new String[]{"429001", "ThrottlingException"},
            new String[]{"429002", "ThrottleBacklogLimitExceeded"},
            new String[]{"429003", "ThrottlingBacklogTimeout"},
            new String[]{"429004", "ThrottlingMaxActiveJobCountExceeded"},
            new String[]{"429005", "DeviceThrottlingLimitExceeded"},
            new String[]{"500001", "ServerError"},
            new String[]{"500008", "GenericTimeout"},
            new String[]{"503001", "ServiceUnavailable"},
            new String[]{"503003", "PartitionNotFound"},
            new String[]{"503005", "ServerBusy"},
            new String[]{"503006", "IotHubRestoring"},
            new String[]{"503008", "ReceiveLinkOpensThrottled"},
            new String[]{"503101", "ConnectionUnavailable"},
            new String[]{"503102", "DeviceUnavailable"},
            new String[]{"504101", "GatewayTimeout"});

    @Test
    void knowsEveryCodeOfTheDomainReferenceByItsName() {
        for (String[] c : DOMAIN_CODES) {
            assertThat(ErrorCatalog.lookup(c[0])).as(c[0]).hasValueSatisfying(e -> {
                assertThat(e.name()).isEqualTo(c[1]);
                assertThat(e.known()).isTrue();
            });
        }
        assertThat(ErrorCatalog.all()).extracting(ErrorCode::code)
                .containsExactlyElementsOf(DOMAIN_CODES.stream().map(c -> c[0]).sorted().toList());
    }

    @Test
    void familyAlwaysAgreesWithTheEvidenceAttribution() {
        for (ErrorCode e : ErrorCatalog.all()) {
            assertThat(e.family()).as(e.code()).isEqualTo(CauseFamily.of(e.code()));
        }
        assertThat(ErrorCatalog.lookup("404104").orElseThrow().family()).isEqualTo(CauseFamily.NETWORK_OR_KEEPALIVE);
        assertThat(ErrorCatalog.lookup("403012").orElseThrow().family()).isEqualTo(CauseFamily.AUTHENTICATION);
        assertThat(ErrorCatalog.lookup("403002").orElseThrow().family()).isEqualTo(CauseFamily.THROTTLING_OR_QUOTA);
        assertThat(ErrorCatalog.lookup("404012").orElseThrow().family()).isEqualTo(CauseFamily.PLATFORM_CHANGE);
        assertThat(ErrorCatalog.lookup("503101").orElseThrow().family()).isEqualTo(CauseFamily.SERVICE_TRANSIENT);
        assertThat(ErrorCatalog.lookup("413001").orElseThrow().family()).isEqualTo(CauseFamily.OTHER);
    }

    @Test
    void everyEntryHasCauseResolutionAndADocumentationAnchor() {
        for (ErrorCode e : ErrorCatalog.all()) {
            assertThat(e.cause()).as(e.code()).isNotBlank().doesNotContain("You might see");
            assertThat(e.resolution()).as(e.code()).isNotBlank();
            assertThat(e.docs()).as(e.code()).startsWith("https://");
            if (!e.code().equals("404104")) {
                assertThat(e.docs()).as(e.code()).startsWith(ErrorCatalog.ERROR_CODES_PAGE + "#")
                        .matches(".*#[0-9x]+-[a-z0-9-]+$");
            }
        }
        assertThat(ErrorCatalog.lookup("404104").orElseThrow().docs()).isEqualTo("https://aka.ms/iothub404104");
        assertThat(ErrorCatalog.lookup("401003").orElseThrow().docs()).endsWith("#401003-iothubunauthorized-error");
        assertThat(ErrorCatalog.lookup("429001").orElseThrow().docs()).endsWith("#429xxx-throttling-exception-errors");
    }

    @Test
    void connectivityCodesAreFlaggedAndServiceApiCodesAreNot() {
        assertThat(ErrorCatalog.lookup("404104").orElseThrow().connectivity()).isTrue();
        assertThat(ErrorCatalog.lookup("409002").orElseThrow().connectivity()).isTrue();
        assertThat(ErrorCatalog.lookup("412002").orElseThrow().connectivity()).isFalse();
        assertThat(ErrorCatalog.lookup("409001").orElseThrow().connectivity()).isFalse();
    }

    @Test
    void unknownCodesKeepTheLoggedNameAndAreNeverDropped() {
        ErrorCode e = ErrorCatalog.describe("400777", "SomethingNewFromTheService");
        assertThat(e.code()).isEqualTo("400777");
        assertThat(e.name()).isEqualTo("SomethingNewFromTheService");
        assertThat(e.family()).isEqualTo(CauseFamily.OTHER);
        assertThat(e.known()).isFalse();
        assertThat(e.cause()).isEmpty();
        assertThat(e.docs()).isEqualTo(ErrorCatalog.ERROR_CODES_PAGE);
        assertThat(ErrorCatalog.describe("400778", " ").name()).isEqualTo("(no name logged)");
        // A code the catalog lacks but the contract's ranges cover keeps the contract's family.
        assertThat(ErrorCatalog.describe("500999", "InternalThing").family()).isEqualTo(CauseFamily.SERVICE_TRANSIENT);
        assertThat(ErrorCatalog.describe("404104", "whatever").name()).isEqualTo("DeviceConnectionClosedRemotely");
        assertThat(ErrorCatalog.lookup(null)).isEmpty();
    }
}
