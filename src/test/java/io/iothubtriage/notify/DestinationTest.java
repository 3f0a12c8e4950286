package io.iothubtriage.notify;

import io.iothubtriage.alert.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DestinationTest {
    static final String LOGIC = "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/"
            + "invoke?api-version=2016-06-01&sig=SECRET";
    static final String POWER = "https://default0123.45.environment.api.powerplatform.com:443/powerautomate/"
            + "automations/direct/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=SECRET";
    static final String SLACK = "https://hooks.slack.com/services/T000/B000/XXXXXXXX";

    @Test
    void acceptsBothWorkflowsHostsForTeams() throws BadInputException {
        assertThat(Destination.parse(Destination.Kind.TEAMS, "T", LOGIC)).isInstanceOf(Destination.Teams.class);
        assertThat(Destination.parse(Destination.Kind.TEAMS, "T", POWER)).isInstanceOf(Destination.Teams.class);
    }

    @Test
    void aFragmentIsNotPartOfTheDestination() throws BadInputException {
        // never sent in a request: the URL with a fragment is the same webhook, so it is posted to once
        Destination plain = Destination.parse(Destination.Kind.SLACK, "S", SLACK);
        Destination withFragment = Destination.parse(Destination.Kind.SLACK, "S", SLACK + "#frag");
        assertThat(withFragment.uri()).isEqualTo(plain.uri());
        assertThat(withFragment.fingerprint()).isEqualTo(plain.fingerprint());
        assertThat(Notifier.distinct(List.of(plain, withFragment))).hasSize(1);
    }

    @Test
    void redactedIsSchemeAndHostOnly() throws BadInputException {
        Destination d = Destination.parse(Destination.Kind.TEAMS, "T", LOGIC);
        assertThat(d.redacted()).isEqualTo("https://prod-12.westeurope.logic.azure.com");
        assertThat(d).hasToString("teams prod-12.westeurope.logic.azure.com #" + d.fingerprint());
        assertThat(Destination.parse(Destination.Kind.SLACK, "S", SLACK).display())
                .matches("slack hooks\\.slack\\.com #[0-9a-f]{6}");
    }

    @Test
    void theFingerprintTellsApartWebhooksOnOneHostWithoutShowingThem() throws Exception {
        Destination one = Destination.parse(Destination.Kind.TEAMS, "T", LOGIC);
        Destination other = Destination.parse(Destination.Kind.TEAMS, "T", LOGIC.replace("sig=SECRET", "sig=OTHER"));
        Destination again = Destination.parse(Destination.Kind.TEAMS, "T", LOGIC);

        assertThat(one.fingerprint()).matches("[0-9a-f]{6}").isNotEqualTo(other.fingerprint())
                .isEqualTo(again.fingerprint());
        assertThat(one.display()).doesNotContain("SECRET").doesNotContain("workflows").doesNotContain("sig");
        // The first 6 hex digits of SHA-256("/workflows/…/invoke?api-version=…&sig=SECRET"), fixed for good.
        assertThat(one.fingerprint()).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest((java.net.URI.create(LOGIC).getRawPath() + "?"
                        + java.net.URI.create(LOGIC).getRawQuery()).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                0, 3));
    }

    @Test
    void localEndpointsShowTheirPort() throws BadInputException {
        Destination a = Destination.infer("--post", "http://localhost:8081/hook");
        Destination b = Destination.infer("--post", "http://localhost:8082/hook");
        Destination c = Destination.infer("--post", "http://localhost:8081/other");
        assertThat(a.display()).startsWith("generic localhost:8081 #");
        assertThat(b.display()).startsWith("generic localhost:8082 #");
        assertThat(a.display()).isNotEqualTo(c.display());
    }

    @Test
    void retiredOffice365ConnectorUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Destination.parse(Destination.Kind.TEAMS, "TEAMS_WEBHOOK_URLS[1]",
                "https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("TEAMS_WEBHOOK_URLS[1]: Office 365 connector URLs")
                .hasMessageContaining("Workflows")
                .hasMessageNotContaining("webhookb2");
    }

    @Test
    void teamsNeedsAWorkflowsHost() {
        assertThatThrownBy(() -> Destination.parse(Destination.Kind.TEAMS, "X", "https://example.org/hook"))
                .hasMessage("X: a Teams webhook must be a Workflows trigger URL on *.logic.azure.com or "
                        + "*.environment.api.powerplatform.com, got host example.org");
    }

    @Test
    void plainHttpOnlyForLocalhost() throws BadInputException {
        assertThat(Destination.parse(Destination.Kind.TEAMS, "X", "http://localhost:8080/w").kind())
                .isEqualTo(Destination.Kind.TEAMS);
        assertThat(Destination.parse(Destination.Kind.GENERIC, "X", "http://127.0.0.1:9/w").kind())
                .isEqualTo(Destination.Kind.GENERIC);
        assertThatThrownBy(() -> Destination.parse(Destination.Kind.SLACK, "X", "http://hooks.slack.com/services/a"))
                .hasMessage("X: webhook URLs must use https (plain http only for localhost), got http://hooks.slack.com");
    }

    @Test
    void malformedUrlsAreNamedWithoutEchoingThem() {
        assertThatThrownBy(() -> Destination.parse(Destination.Kind.GENERIC, "--post", "https://a.example/p q?sig=S"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--post: not a valid URL (Illegal character in path at character ")
                .hasMessageNotContaining("sig=");
        assertThatThrownBy(() -> Destination.parse(Destination.Kind.GENERIC, "--post", " "))
                .hasMessage("--post: webhook URL is empty");
        assertThatThrownBy(() -> Destination.parse(Destination.Kind.GENERIC, "--post", "ftp://a.example/x"))
                .hasMessage("--post: not an absolute http(s) URL with a host");
        assertThatThrownBy(() -> Destination.parse(Destination.Kind.GENERIC, "--post", "/relative/path"))
                .hasMessage("--post: not an absolute http(s) URL with a host");
        // said before the triage runs, not as "unexpected IllegalArgumentException" after it
        assertThatThrownBy(() -> Destination.parse(Destination.Kind.GENERIC, "--post", "http://localhost:99999/x"))
                .hasMessage("--post: port 99999 is out of range (1 to 65535)");
    }

    @Test
    void settingsListIsCommaSeparatedAndNamesThePositionOfABadEntry() throws BadInputException {
        List<Destination> list = Destination.parseList(Destination.Kind.SLACK, "SLACK_WEBHOOK_URLS",
                " " + SLACK + " ,, https://hooks.slack.com/services/T1/B1/Y ");
        assertThat(list).hasSize(2).allMatch(d -> d.kind() == Destination.Kind.SLACK);
        assertThat(list.get(0).uri().toString()).isEqualTo(SLACK);
        assertThat(Destination.parseList(Destination.Kind.SLACK, "S", "")).isEmpty();
        assertThat(Destination.parseList(Destination.Kind.SLACK, "S", null)).isEmpty();
        assertThatThrownBy(() -> Destination.parseList(Destination.Kind.SLACK, "SLACK_WEBHOOK_URLS",
                SLACK + ",http://hooks.slack.com/x")).hasMessageStartingWith("SLACK_WEBHOOK_URLS[2]: ");
    }

    @Test
    void kindIsInferredFromTheHost() throws BadInputException {
        assertThat(Destination.infer("--post", LOGIC)).isInstanceOf(Destination.Teams.class);
        assertThat(Destination.infer("--post", POWER)).isInstanceOf(Destination.Teams.class);
        assertThat(Destination.infer("--post", SLACK)).isInstanceOf(Destination.Slack.class);
        assertThat(Destination.infer("--post", "https://itsm.example.com/api/alerts"))
                .isInstanceOf(Destination.Generic.class);
        assertThatThrownBy(() -> Destination.infer("--post", "https://x.webhook.office.com/webhookb2/a"))
                .hasMessageContaining("retired");
    }
}
