package io.iothubtriage.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Turns a request body into a JSON tree, with the size cap and the one-line error messages the parser promises.
 * Payloads are small (the common alert schema caps them at 256 KB), so a tree is cheaper to reason about than
 * streaming.
 */
final class JsonBody {
    /** Four times the common-schema maximum: room for pretty-printed copies, far from anything harmful. */
    static final int MAX_BYTES = 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBody() {
    }

    static JsonNode read(byte[] body) throws BadInputException {
        if (body == null || isBlank(body)) {
            throw new BadInputException("body", "empty; expected a common alert schema JSON object");
        }
        if (body.length > MAX_BYTES) {
            throw tooLarge(Integer.toString(body.length));
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadInputException("body", "not valid JSON" + location(e.getLocation()) + ": " + describe(e), e);
        } catch (IOException e) {
            // malformed byte encodings (e.g. invalid UTF-32) surface as plain IOExceptions
            throw new BadInputException("body", "not valid JSON: " + Snippet.clip(e.getMessage(), 100), e);
        }
    }

    /** Reads at most {@link #MAX_BYTES} + 1 bytes, so a huge stream is refused without being buffered. */
    static byte[] readCapped(InputStream in) throws BadInputException {
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge("more than " + MAX_BYTES);
            }
            return bytes;
        } catch (IOException e) {
            throw new BadInputException("body", "could not be read: " + Snippet.clip(e.getMessage(), 100), e);
        }
    }

    /** Parses text found inside a payload (e.g. {@code impactedServices} sent as a JSON string); empty when it is not JSON. */
    static Optional<JsonNode> tryReadEmbedded(String json) {
        try {
            return Optional.ofNullable(MAPPER.readTree(json));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static BadInputException tooLarge(String size) {
        return new BadInputException("body", size + " bytes exceeds the 1 MB limit"
                + " (Azure Monitor caps common alert schema payloads at 256 KB)");
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String location(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /** Jackson's reason without its source excerpt and location suffix, clipped. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException limit) {
            return JsonLimits.inWords(limit);
        }
        String m = e.getOriginalMessage();
        if (m == null) {
            return "unreadable";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "the document ends early (truncated?)";
        }
        if (m.startsWith("Trailing token")) {
            return "unexpected content after the JSON value";
        }
        int cut = m.indexOf(" (start marker at");
        if (cut > 0) {
            m = m.substring(0, cut);
        }
        return Snippet.clip(m, 100);
    }
}
