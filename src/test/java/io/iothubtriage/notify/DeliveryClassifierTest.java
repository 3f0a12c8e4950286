package io.iothubtriage.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

import static io.iothubtriage.notify.Destination.Kind.GENERIC;
import static io.iothubtriage.notify.Destination.Kind.SLACK;
import static io.iothubtriage.notify.Destination.Kind.TEAMS;
import static org.assertj.core.api.Assertions.assertThat;

class DeliveryClassifierTest {
    static final URI DEST = URI.create("https://hooks.slack.com/services/T0/B0/SECRETTOKEN123");

    @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3}")
    @CsvSource(delimiter = '|', value = {
            "TEAMS   | 202 |                    | DELIVERED",
            "TEAMS   | 200 |                    | DELIVERED",
            "TEAMS   | 204 |                    | DELIVERED",
            "SLACK   | 200 | ok                 | DELIVERED",
            "SLACK   | 200 | ok\\n              | DELIVERED",
            "SLACK   | 200 |                    | PERMANENT",
            "SLACK   | 202 | ok                 | PERMANENT",
            "GENERIC | 201 | {\"id\":1}         | DELIVERED",
            "GENERIC | 299 |                    | DELIVERED",
            "SLACK   | 400 | invalid_payload    | PERMANENT",
            "SLACK   | 400 | invalid_blocks     | PERMANENT",
            "SLACK   | 403 | action_prohibited  | PERMANENT",
            "SLACK   | 404 | channel_not_found  | PERMANENT",
            "SLACK   | 410 | channel_is_archived| PERMANENT",
            "TEAMS   | 401 |                    | PERMANENT",
            "TEAMS   | 413 |                    | PERMANENT",
            "GENERIC | 422 |                    | PERMANENT",
            "GENERIC | 301 |                    | PERMANENT",
            "SLACK   | 429 | rate_limited       | RETRYABLE",
            "TEAMS   | 408 |                    | RETRYABLE",
            "SLACK   | 500 | rollup_error       | RETRYABLE",
            "TEAMS   | 502 |                    | RETRYABLE",
            "TEAMS   | 503 |                    | RETRYABLE",
            "GENERIC | 504 |                    | RETRYABLE",
    })
    void statusAndBody(Destination.Kind kind, int status, String body, DeliveryOutcome expected) {
        String b = body == null ? "" : body.replace("\\n", "\n");
        assertThat(DeliveryClassifier.classify(kind, status, b).outcome()).isEqualTo(expected);
    }

    @Test
    void slackErrorStringsAreNamedInTheReason() {
        assertThat(DeliveryClassifier.classify(SLACK, 410, "channel_is_archived").reason())
                .isEqualTo("HTTP 410 channel_is_archived: webhook gone (channel archived or hook removed)");
        assertThat(DeliveryClassifier.classify(SLACK, 429, "{\"ok\":false,\"error\":\"rate_limited\"}").reason())
                .isEqualTo("HTTP 429 rate_limited: throttled");
        assertThat(DeliveryClassifier.classify(TEAMS, 400,
                "{\"error\":{\"code\":\"InvalidTemplate\",\"message\":\"long text\"}}").reason())
                .startsWith("HTTP 400 InvalidTemplate");
    }

    @Test
    void freeTextAnswersAreNotEchoed() {
        String reason = DeliveryClassifier.classify(GENERIC, 404, "Cannot POST /services/T0/B0/SECRET").reason();
        assertThat(reason).isEqualTo("HTTP 404: webhook not found (deleted, disabled or mistyped)");
    }

    @Test
    void failuresWithoutAnAnswer() {
        Duration t = Duration.ofSeconds(15);
        assertThat(DeliveryClassifier.classify(new HttpTimeoutException("request timed out"), t, DEST))
                .isEqualTo(new DeliveryClassifier.Decision(DeliveryOutcome.RETRYABLE, "no answer within 15 s", true));
        assertThat(DeliveryClassifier.classify(new HttpConnectTimeoutException("x"), t, DEST).outcome())
                .isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(DeliveryClassifier.classify(new ExecutionException(new ConnectException()), t, DEST))
                .isEqualTo(new DeliveryClassifier.Decision(DeliveryOutcome.RETRYABLE,
                        "connection refused or unreachable"));
        assertThat(DeliveryClassifier.classify(new UnknownHostException("hooks.slack.com"), t, DEST))
                .isEqualTo(new DeliveryClassifier.Decision(DeliveryOutcome.PERMANENT,
                        "cannot resolve host hooks.slack.com: the host name was not found (no network, DNS not"
                                + " answering, or a mistyped host in the URL); not retried"));
        // connected: the request may have been acted on, so its outcome is unknown, as after a timeout
        assertThat(DeliveryClassifier.classify(new IOException("HTTP/1.1 header parser received no bytes"), t, DEST))
                .isEqualTo(new DeliveryClassifier.Decision(DeliveryOutcome.RETRYABLE,
                        "the server closed the connection without answering", true));
        assertThat(DeliveryClassifier.classify(new IOException("too many concurrent streams"), t, DEST))
                .isEqualTo(new DeliveryClassifier.Decision(DeliveryOutcome.RETRYABLE,
                        "connection failed: too many concurrent streams", true));
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new java.security.cert.CertPathBuilderException("unable to find valid certification path"));
        assertThat(DeliveryClassifier.classify(untrusted, t, DEST)).isEqualTo(new DeliveryClassifier.Decision(
                DeliveryOutcome.PERMANENT, "TLS failed: the server's certificate is not trusted by this Java (a proxy"
                + " that inspects TLS? its CA certificate must be in the JDK's trust store)"));
        SSLHandshakeException otherHost = new SSLHandshakeException("No subject alternative DNS name matching");
        otherHost.initCause(new java.security.cert.CertificateException(
                "No subject alternative DNS name matching hooks.slack.com found."));
        assertThat(DeliveryClassifier.classify(otherHost, t, DEST).reason())
                .isEqualTo("TLS failed: the server's certificate is for another host name than hooks.slack.com");
        assertThat(DeliveryClassifier.classify(new IllegalStateException("bug"), t, DEST).outcome())
                .isEqualTo(DeliveryOutcome.PERMANENT);
    }

    @Test
    void exceptionMessagesAreScrubbedOfTheUrl() {
        String reason = DeliveryClassifier.classify(new IOException("failed POST " + DEST + " (SECRETTOKEN123)"),
                Duration.ofSeconds(1), DEST).reason();
        assertThat(reason).isEqualTo("connection failed: failed POST https://hooks.slack.com ([redacted])");
    }
}
