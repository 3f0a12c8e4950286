package io.iothubtriage.evidence.azure;

import com.azure.core.exception.HttpResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.evidence.EvidenceException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The one place where a failed Azure call becomes an {@link EvidenceException}: a sentence for the on-call
 * engineer that names what is missing (role and scope, resource, query bug) and whether trying again may help.
 * Messages never hold tokens or request headers; error texts from Azure are cut to a few hundred characters.
 */
final class AzureFailures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    /**
     * What was being called, for the message.
     *
     * @param service  e.g. "Log Analytics"
     * @param role     the role the identity needs, e.g. "Log Analytics Reader"
     * @param scope    where it needs it, e.g. "the workspace 1f2e…" or "the hub /subscriptions/…"
     * @param notFound what a 404 means here, e.g. "the workspace 1f2e… does not exist in this cloud"
     */
    record Access(String service, String role, String scope, String notFound) {
    }

    private AzureFailures() {
    }

    static EvidenceException classify(Throwable failure, Access access, Duration timeout) {
        Throwable t = unwrap(failure);
        // No answer at all, or no token: worded the same way for every source.
        Optional<SourceFailure.Description> noAnswer = SourceFailure.describe(t, access.service(), timeout);
        if (noAnswer.isPresent()) {
            return new EvidenceException(noAnswer.get().words(), noAnswer.get().retryable(), t);
        }
        if (t instanceof ArmResponseException arm) {
            return byStatus(arm.status(), arm.code(), arm.detail(), arm.retryAfter(), access, t);
        }
        if (t instanceof HttpResponseException http && http.getResponse() != null
                && http.getResponse().getStatusCode() / 100 == 2) {
            // The SDK could not read a 2xx body (truncated, not JSON).
            return new EvidenceException(access.service() + " sent a response that could not be read ("
                    + firstLine(http.getMessage()) + "); retry later", true, t);
        }
        if (t instanceof HttpResponseException http && http.getResponse() != null) {
            ErrorBody body = ErrorBody.fromMessage(http.getMessage());
            Optional<Duration> retryAfter = retryAfter(http.getResponse().getHeaderValue("Retry-After"));
            return byStatus(http.getResponse().getStatusCode(), body.code(), body.message(), retryAfter, access, t);
        }
        if (t instanceof MalformedResponseException) {
            return new EvidenceException(access.service() + " sent a response that could not be read ("
                    + shorten(t.getMessage()) + "); retry later", true, t);
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            // The exception's own text names classes and SDK internals; the reader needs what happened.
            return new EvidenceException(access.service() + " could not be reached: the connection failed before an "
                    + "answer; retry later", true, t);
        }
        return new EvidenceException(access.service() + " request failed for an unexpected reason; retry, and "
                + "report it to the iothub-triage project if it persists", false, t);
    }

    private static EvidenceException byStatus(int status, String code, String detail, Optional<Duration> retryAfter,
                                              Access access, Throwable cause) {
        String what = access.service() + " answered " + status + (code.isEmpty() ? "" : " " + code)
                + (detail.isEmpty() ? "" : " (" + shorten(detail) + ")");
        return switch (status) {
            case 400 -> new EvidenceException(what + ": the request is malformed, which is a bug in iothub-triage;"
                    + " please report it", false, cause);
            case 401, 403 -> new EvidenceException(what + ": the identity needs " + access.role() + " on "
                    + access.scope(), false, cause);
            case 404 -> new EvidenceException(what + ": " + access.notFound(), false, cause);
            case 408, 429 -> new EvidenceException(what + ": throttled or busy; retry "
                    + retryAfter.map(d -> "after " + seconds(d)).orElse("later"), true, cause);
            case 504 -> new EvidenceException(what + ": the service gave up before finishing; retry later or"
                    + " shorten the window", true, cause);
            default -> status >= 500
                    ? new EvidenceException(what + ": a service-side failure; retry later", true, cause)
                    : new EvidenceException(what + ": unexpected answer", false, cause);
        };
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        for (int i = 0; i < 5 && current.getCause() != null
                && (current instanceof java.util.concurrent.CompletionException
                || current instanceof java.util.concurrent.ExecutionException
                || current.getClass().getName().startsWith("reactor.core.Exceptions")
                || (current instanceof RuntimeException && current.getCause() instanceof TimeoutException)); i++) {
            current = current.getCause();
        }
        return current;
    }

    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: not worth parsing for a message
        }
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > MAX_DETAIL ? oneLine.substring(0, MAX_DETAIL) + "…" : oneLine;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return shorten(nl < 0 ? text : text.substring(0, nl));
    }

    /** The {@code error} object of an Azure error body: code (inner code appended) and message. */
    record ErrorBody(String code, String message) {
        static ErrorBody parse(String body) {
            if (body == null || body.isBlank()) {
                return new ErrorBody("", "");
            }
            try {
                JsonNode root = JSON.readTree(body);
                // ARM and Log Analytics wrap it in "error"; the metrics API sends code and message at the top.
                JsonNode error = root.path("error").isObject() ? root.path("error") : root;
                String code = error.path("code").asText("");
                String inner = error.path("innererror").path("code").asText("");
                String message = error.path("message").asText("");
                if (!inner.isEmpty() && !inner.equals(code)) {
                    code = code.isEmpty() ? inner : code + "/" + inner;
                }
                return new ErrorBody(code, message);
            } catch (IOException | RuntimeException e) {
                return new ErrorBody("", shorten(body));
            }
        }

        /** azure-core puts the body after the status in the exception message: {@code Status code 403, "{...}"}. */
        static ErrorBody fromMessage(String message) {
            if (message == null) {
                return new ErrorBody("", "");
            }
            int brace = message.indexOf('{');
            int end = message.lastIndexOf('}');
            if (brace < 0 || end < brace) {
                return new ErrorBody("", "");
            }
            return parse(message.substring(brace, end + 1));
        }
    }
}
