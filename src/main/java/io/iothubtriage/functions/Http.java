package io.iothubtriage.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Small helpers of the HTTP functions: case-insensitive headers and JSON answers. */
final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    static Optional<String> header(HttpRequestMessage<?> request, String name) {
        Map<String, String> headers = request.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.ofNullable(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** {"status":400,"error":"Bad Request","where":"…","message":"…"} */
    static HttpResponseMessage error(HttpRequestMessage<?> request, int status, String where, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", status);
        o.put("error", reason(status));
        o.put("where", oneLine(where));
        o.put("message", oneLine(message));
        return json(request, status, o);
    }

    /** Echoed input may hold line breaks or control characters: an error message stays one readable line. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
    }

    static HttpResponseMessage json(HttpRequestMessage<?> request, int status, ObjectNode body) {
        return request.createResponseBuilder(HttpStatusType.custom(status))
                .header("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 405 -> "Method Not Allowed";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "HTTP " + status;
        };
    }
}
