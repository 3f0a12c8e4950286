package io.iothubtriage.notify;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.notify.WebhookServer.Reply;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook URLs are secrets: across every way a delivery can end, no log line, exception message or result shows
 * the URL's path, its query, its signature or the whole URL. Servers here even echo the request line back.
 */
class SecretRedactionTest {
    static final String WORKFLOW = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String SIG = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo";
    static final String PATH = "/workflows/" + WORKFLOW + "/triggers/manual/paths/invoke";
    static final String QUERY = "api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + SIG;
    static final String SLACK_TOKEN = "XyZ12abcDEF34ghiJKL56mno";

    final List<String> seen = new CopyOnWriteArrayList<>();
    final Logger logger = Logger.getLogger(WebhookDelivery.LOGGER_NAME);
    Level previous;
    final Handler capture = new Handler() {
        final SimpleFormatter f = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            seen.add(f.format(r));
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                seen.add(String.valueOf(t));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(previous);
    }

    @Test
    void noSecretInAnyLogLineResultOrExceptionMessage() throws IOException {
        String echo = "Cannot POST " + PATH + "?" + QUERY;
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        List<String> fullUrls = new ArrayList<>();
        try (WebhookServer notFound = new WebhookServer(Reply.of(404, echo));
             WebhookServer failing = new WebhookServer(Reply.of(500, "{\"error\":\"" + echo + "\"}"));
             WebhookServer throttled = new WebhookServer(Reply.of(429, echo, Map.of("Retry-After", "1")),
                     Reply.of(429, echo, Map.of("Retry-After", "900")));
             WebhookServer moved = new WebhookServer(Reply.of(301, echo, Map.of("Location",
                     "https://prod-1.westeurope.logic.azure.com" + PATH + "?" + QUERY)));
             WebhookServer slow = new WebhookServer(Reply.hanging());
             WebhookServer tokenEcho = new WebhookServer(Reply.of(403, SLACK_TOKEN));
             WebhookServer ok = new WebhookServer(Reply.of(202, ""))) {
            List<Destination> to = new ArrayList<>();
            for (WebhookServer s : List.of(notFound, failing, throttled, moved, slow, ok)) {
                to.add(new Destination.Teams(s.uri(PATH + "?" + QUERY)));
            }
            to.add(new Destination.Slack(tokenEcho.uri("/services/T0AAA/B0BBB/" + SLACK_TOKEN)));
            to.add(new Destination.Generic(
                    java.net.URI.create("http://localhost:" + closedPort + PATH + "?" + QUERY)));
            to.forEach(d -> fullUrls.add(d.uri().toString()));

            Notifier notifier = Notifier.using(WebhookDelivery.builder().sleeper(d -> { }).maxAttempts(2)
                    .requestTimeout(Duration.ofMillis(300)).logger(logger).build());
            List<DeliveryResult> results = notifier.deliver(ReportFixtures.networkSubset(), to);
            for (DeliveryResult r : results) {
                seen.add(r.toString());
                seen.add(r.reason());
                seen.add(r.describe());
                seen.add(String.valueOf(r.destination()));
                seen.add(r.destination().redacted());
            }
            assertThat(results).extracting(DeliveryResult::outcome).contains(DeliveryOutcome.DELIVERED,
                    DeliveryOutcome.PERMANENT, DeliveryOutcome.RETRYABLE);
        }

        // Settings and CLI input that are wrong in every way still never echo the URL.
        String secretUrl = "https://prod-1.westeurope.logic.azure.com" + PATH + "?" + QUERY;
        for (String bad : List.of(
                "https://prod-1.westeurope.logic.azure.com" + PATH + " ?" + QUERY,        // space: invalid URL
                "http://prod-1.westeurope.logic.azure.com" + PATH + "?" + QUERY,          // not https
                "https://contoso.webhook.office.com/webhookb2/" + WORKFLOW + "?" + QUERY,  // retired connector
                "https://example.org" + PATH + "?" + QUERY,                                // not a Workflows host
                "https://user:" + SIG + "@prod-1.westeurope.logic.azure.com" + PATH,       // credentials
                "mailto:" + SIG)) {
            try {
                Destination.parse(Destination.Kind.TEAMS, "TEAMS_WEBHOOK_URLS[1]", bad);
                throw new AssertionError("accepted a bad URL");
            } catch (BadInputException e) {
                seen.add(e.getMessage());
                seen.add(String.valueOf(e));
            }
        }
        assertThatThrownBy(() -> Destination.parseList(Destination.Kind.TEAMS, "TEAMS_WEBHOOK_URLS",
                secretUrl + ",https://bad host" + PATH)).isInstanceOf(BadInputException.class)
                .satisfies(e -> seen.add(e.getMessage()));

        assertThat(seen).isNotEmpty();
        assertThat(String.join("\n", seen)).contains("logic.azure.com", "HTTP 404", "no answer within");
        for (String line : seen) {
            assertThat(line).doesNotContain(PATH).doesNotContain(QUERY).doesNotContain("sig=")
                    .doesNotContain(SIG).doesNotContain(WORKFLOW).doesNotContain(SLACK_TOKEN)
                    .doesNotContain("/workflows/").doesNotContain("/services/").doesNotContain(secretUrl);
            for (String url : fullUrls) {
                assertThat(line).doesNotContain(url);
            }
        }
    }

    @Test
    void theRedactorKeepsOnlySchemeAndHostOfAnyUrl() {
        java.net.URI secret = java.net.URI.create("https://prod-1.westeurope.logic.azure.com" + PATH + "?" + QUERY);
        String text = "failed: GET https://prod-1.westeurope.logic.azure.com" + PATH + "?" + QUERY
                + " then " + PATH + " and sig=" + SIG + " and " + WORKFLOW;
        String scrubbed = Redactor.scrub(text, secret);
        assertThat(scrubbed).isEqualTo("failed: GET https://prod-1.westeurope.logic.azure.com then [redacted] and "
                + "[redacted] and [redacted]");
    }
}
