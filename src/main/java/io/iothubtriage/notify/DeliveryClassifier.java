package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The one place that decides whether a webhook post was delivered, may be retried, or failed for good. The
 * delivery loop retries what this calls retryable; the queue worker of the Functions app uses the same outcome to
 * re-enqueue or give up.
 *
 * <ul>
 *   <li>Teams Workflows answers 202 Accepted with an empty body; 200 and any other 2xx are accepted too (a flow
 *       with its own Response action may answer 200).</li>
 *   <li>Slack answers 200 with the body {@code ok}; anything else is an error, and Slack's error string
 *       ({@code invalid_blocks}, {@code channel_is_archived}, {@code no_service}, …) is named in the reason.</li>
 *   <li>A generic webhook succeeds with any 2xx.</li>
 *   <li>Retryable: 408, 429, every 5xx, timeouts, refused or reset connections.</li>
 *   <li>Permanent: every other 4xx, 3xx (redirects are never followed: the body must not go elsewhere), a TLS
 *       failure, a Slack 2xx without {@code ok}, a host name that does not resolve (a mistyped or deleted
 *       host; asking the resolver again a second later does not help).</li>
 * </ul>
 * A request that timed out may still have been delivered: {@link Decision#timedOut()} says so, and the delivery
 * loop retries it at most once. Reasons never hold the webhook URL: an answer's error token is named, and its text
 * is shown only after {@link Redactor} has removed the URL's secrets, cut to {@value #ANSWER_SHOWN} characters.
 */
public final class DeliveryClassifier {

    /** An error token worth naming: Slack's snake_case strings, Teams' error codes. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,63}");
    /** Characters of an error answer shown in a reason. */
    static final int ANSWER_SHOWN = 200;

    private DeliveryClassifier() {
    }

    /**
     * The decision on one answer or failure.
     *
     * @param timedOut the request was sent and no answer came in time: the service may have received it, so a
     *                 retry may deliver it twice
     */
    public record Decision(DeliveryOutcome outcome, String reason, boolean timedOut) {
        public Decision {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
        }

        public Decision(DeliveryOutcome outcome, String reason) {
            this(outcome, reason, false);
        }
    }

    /**
     * Decides from an HTTP answer, and shows what an error answer said: its text, with the destination's secrets
     * removed, on one line, cut to {@value #ANSWER_SHOWN} characters (a 400's "property 'body' is required" is
     * what the reader needs to fix the payload).
     */
    public static Decision classify(Destination destination, int status, String body) {
        Decision d = classify(destination.kind(), status, body);
        String text = body == null ? "" : body.trim();
        if (status < 300 || text.isEmpty() || TOKEN.matcher(text).matches()) {
            return d;
        }
        String shown = Texts.truncate(Texts.oneLine(Redactor.answer(text, destination.uri())), ANSWER_SHOWN);
        return new Decision(d.outcome(), d.reason() + "; the answer was: " + shown);
    }

    /** Decides from an HTTP answer: its status and (the start of) its body, naming only an error token. */
    public static Decision classify(Destination.Kind kind, int status, String body) {
        String text = body == null ? "" : body.trim();
        Optional<String> token = errorToken(text);
        String named = "HTTP " + status + token.map(t -> " " + t).orElse("");
        if (status >= 200 && status < 300) {
            if (kind == Destination.Kind.SLACK && !(status == 200 && text.equals("ok"))) {
                return new Decision(DeliveryOutcome.PERMANENT, named + ": Slack answers 200 \"ok\" on success; this "
                        + "answer is something else");
            }
            return new Decision(DeliveryOutcome.DELIVERED, "HTTP " + status);
        }
        if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
            return new Decision(DeliveryOutcome.RETRYABLE, named + hint(status));
        }
        if (status >= 300 && status < 400) {
            return new Decision(DeliveryOutcome.PERMANENT, named + ": redirects are not followed; the webhook URL has "
                    + "probably moved");
        }
        return new Decision(DeliveryOutcome.PERMANENT, named + hint(status));
    }

    /** Decides from a failure to get an answer at all. */
    public static Decision classify(Throwable error, Duration requestTimeout, java.net.URI destination) {
        Throwable t = unwrap(error);
        if (unresolvedHost(t)) {
            // The JDK client reports it as a ConnectException caused by UnresolvedAddressException.
            return new Decision(DeliveryOutcome.PERMANENT, "cannot resolve host " + Destination.hostAndPort(destination)
                    + ": the host name was not found (no network, DNS not answering, or a mistyped host in"
                    + " the URL); not retried");
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new Decision(DeliveryOutcome.RETRYABLE, "could not connect in time");
        }
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return new Decision(DeliveryOutcome.RETRYABLE, "no answer within " + seconds(requestTimeout), true);
        }
        if (t instanceof ConnectException) {
            return new Decision(DeliveryOutcome.RETRYABLE, "connection refused or unreachable");
        }
        if (t instanceof SSLException) {
            return new Decision(DeliveryOutcome.PERMANENT, tlsFailure(t, destination));
        }
        if (t instanceof InterruptedException) {
            return new Decision(DeliveryOutcome.RETRYABLE, "interrupted before an answer");
        }
        if (t instanceof IOException) {
            // connected, and the request may have been sent and acted on before the connection ended: like a
            // timeout, its outcome is unknown, so it is retried at most once and the result says it may appear twice
            String m = t.getMessage() == null ? "" : t.getMessage();
            boolean closed = m.contains("received no bytes") || m.contains("EOF reached") || m.contains("reset")
                    || m.contains("closed");
            return new Decision(DeliveryOutcome.RETRYABLE, closed ? "the server closed the connection without answering"
                    : "connection failed: " + message(t, destination), true);
        }
        return new Decision(DeliveryOutcome.PERMANENT, "unexpected " + t.getClass().getSimpleName() + ": "
                + message(t, destination));
    }

    /** A TLS failure in words: an untrusted certificate, one for another host name, or the handshake's own words. */
    private static String tlsFailure(Throwable t, java.net.URI destination) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.security.cert.CertPathBuilderException
                    || c instanceof java.security.cert.CertPathValidatorException
                    || c.getClass().getName().endsWith("ValidatorException")) {
                return "TLS failed: the server's certificate is not trusted by this Java (a proxy that inspects TLS?"
                        + " its CA certificate must be in the JDK's trust store)";
            }
            String m = c.getMessage() == null ? "" : c.getMessage();
            if (c instanceof java.security.cert.CertificateException
                    && (m.contains("subject alternative") || m.contains("No name matching"))) {
                return "TLS failed: the server's certificate is for another host name than "
                        + Destination.hostAndPort(destination);
            }
        }
        return "TLS failed: " + message(t, destination);
    }

    private static boolean unresolvedHost(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof ExecutionException || cur instanceof CompletionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    /** The exception's own words, scrubbed of any URL, bounded. */
    private static String message(Throwable t, java.net.URI destination) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return Texts.truncate(Texts.oneLine(Redactor.scrub(m, destination)), 160);
    }

    /**
     * The error named by the body: the whole body when it is one token (Slack), else {@code error} or
     * {@code error.code} of a JSON body (Slack's 429 JSON, Teams/Logic Apps errors). Free text is never echoed:
     * a server may repeat the request URL in it.
     */
    static Optional<String> errorToken(String body) {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        if (TOKEN.matcher(body).matches()) {
            return Optional.of(body);
        }
        if (body.startsWith("{")) {
            try {
                JsonNode n = Json.read(body);
                JsonNode e = n.path("error");
                String candidate = e.isTextual() ? e.asText() : e.path("code").asText("");
                if (TOKEN.matcher(candidate).matches()) {
                    return Optional.of(candidate);
                }
            } catch (IOException | RuntimeException ignored) {
                // not JSON after all: name nothing
            }
        }
        return Optional.empty();
    }

    private static String hint(int status) {
        return switch (status) {
            case 400 -> ": the service rejected the payload";
            case 401, 403 -> ": not authorised (the URL's signature or token is wrong or revoked)";
            case 404 -> ": webhook not found (deleted, disabled or mistyped)";
            case 410 -> ": webhook gone (channel archived or hook removed)";
            case 413 -> ": payload too large";
            case 408 -> ": the service timed out waiting for the request";
            case 429 -> ": throttled";
            default -> status >= 500 ? ": service error" : "";
        };
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
