package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PropertiesScannerTest {

    private static String[] scan(String json) {
        String[] out = new String[LogField.COUNT];
        PropertiesScanner.scan(json, out);
        return out;
    }

    private static String get(String[] out, LogField f) {
        return out[f.ordinal()];
    }

    /**
     * The scanner expects each key where the texts before had it (see {@link KeyOrder}): whatever the order, the
     * renamed keys, the spaces and the cuts, a scanner that has read thousands of texts finds in each what one that
     * reads only that text finds, as plain text and as a CSV cell holds it.
     */
    @Test
    void keysInTheOrderOfTheTextsBeforeOrNotGiveWhatAFreshScannerGives() {
        for (boolean quoted : new boolean[]{false, true}) {
            PropertiesScanner warm = new PropertiesScanner();
            int wellFormed = 0;
            for (String text : KeyOrderTexts.texts(7, 4000)) {
                byte[] utf8 = (quoted ? text.replace("\"", "\"\"") : text).getBytes(StandardCharsets.UTF_8);
                RawRow expected = new RawRow();
                RawRow actual = new RawRow();
                boolean fresh = new PropertiesScanner().scan(utf8, 0, utf8.length, expected.props, expected, quoted);
                boolean scanned = warm.scan(utf8, 0, utf8.length, actual.props, actual, quoted);
                assertThat(scanned).as(text).isEqualTo(fresh);
                assertThat(actual.props).as(text).containsExactly(expected.props);
                assertThat(actual.idStart).as(text).isEqualTo(expected.idStart);
                if (expected.idStart >= 0) {
                    assertThat(actual.idLength).as(text).isEqualTo(expected.idLength);
                    assertThat(actual.idHash).as(text).isEqualTo(expected.idHash);
                }
                wellFormed += fresh ? 1 : 0;
            }
            assertThat(wellFormed).isBetween(3000, 3900); // the cut texts are not
        }
    }

    /**
     * Scanned where a CSV file's buffer holds the cell (the reading thread's scan), the texts give what the plain scan
     * gives, though the protocol, address and status are left as bytes for the row to make Strings of
     * ({@link RawRow#prop}), also once the row's copy of the cell is made the text itself ({@link RawRow#unquote}).
     */
    @Test
    void aCellScannedInTheFilesBufferGivesWhatThePlainScanGives() {
        PropertiesScanner inCell = new PropertiesScanner();
        int leftAsBytes = 0;
        for (String text : KeyOrderTexts.texts(5, 3000)) {
            String[] expected = new String[LogField.COUNT];
            boolean wellFormed = new PropertiesScanner().scan(text.getBytes(StandardCharsets.UTF_8), 0,
                    text.getBytes(StandardCharsets.UTF_8).length, expected, null, false);
            byte[] cell = text.replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8);
            byte[] buffer = new byte[cell.length + 9]; // the file's buffer: other cells around it
            System.arraycopy(cell, 0, buffer, 5, cell.length);
            buffer[4] = '"';
            buffer[5 + cell.length] = '"';
            RawRow row = new RawRow();
            int end = inCell.scanInCell(buffer, 5, 5 + cell.length, row);
            if (end < 0) {
                continue; // left for the plain scan of the row's copy, as before
            }
            assertThat(wellFormed).as(text).isTrue();
            row.properties(buffer, 5, cell.length); // the copy the CSV reader hands over
            row.quoted = true;
            for (LogField f : LogField.values()) {
                if (f != LogField.DEVICE_ID || row.idStart < 0) {
                    assertThat(row.prop(f)).as(text + " " + f).isEqualTo(expected[f.ordinal()]);
                }
            }
            for (long at : row.leftAsBytes) {
                leftAsBytes += at >= 0 ? 1 : 0;
            }
            row.unquote();
            for (LogField f : RawRow.LEFT_AS_BYTES) {
                assertThat(row.props[f.ordinal()]).as(text + " " + f).isEqualTo(expected[f.ordinal()]);
            }
        }
        assertThat(leftAsBytes).isGreaterThan(3000);
    }

    @Test
    void realDisconnectRecord() {
        String[] out = scan("{\"deviceId\":\"sensor-th-2001\",\"protocol\":\"Mqtt\",\"authType\":null,"
                + "\"maskedIpAddress\":\"24.9.142.XXX\",\"statusCode\":\"404\",\"errorMessage\":\"Device disconnected,"
                + " see cause and resolution at https://aka.ms/iothub404104\"}");
        assertThat(get(out, LogField.DEVICE_ID)).isEqualTo("sensor-th-2001");
        assertThat(get(out, LogField.PROTOCOL)).isEqualTo("Mqtt");
        assertThat(get(out, LogField.AUTH_TYPE)).isNull();
        assertThat(get(out, LogField.MASKED_IP)).isEqualTo("24.9.142.XXX");
        assertThat(get(out, LogField.STATUS_CODE)).isEqualTo("404");
        assertThat(get(out, LogField.ERROR_MESSAGE))
                .isEqualTo("Device disconnected, see cause and resolution at https://aka.ms/iothub404104");
    }

    @Test
    void authTypeEncodedAsJsonInsideTheStringIsReduced() {
        String[] out = scan("{\"deviceId\":\"<deviceId>\",\"sdkVersion\":\"<sdkVersion>\",\"protocol\":\"<protocol>\","
                + "\"authType\":\"{\\\"scope\\\":\\\"device\\\",\\\"type\\\":\\\"sas\\\",\\\"issuer\\\":\\\"iothub\\\","
                + "\\\"acceptingIpFilterRule\\\":null}\",\"maskedIpAddress\":\"<maskedIpAddress>\"}");
        assertThat(get(out, LogField.AUTH_TYPE)).isEqualTo("device/sas");
        assertThat(get(out, LogField.SDK_VERSION)).isEqualTo("<sdkVersion>");
        assertThat(get(out, LogField.STATUS_CODE)).isNull();
    }

    @Test
    void numbersNestedValuesEscapesAndUnknownKeys() {
        String[] out = scan(" { \"moduleId\" : {\"a\":[1,{\"b\":\"}\"}]}, \"statusCode\" : 404 ,"
                + "\"authType\":{\"scope\":\"module\",\"type\":\"x509\"},\"DeviceID\":\"d\\\"1\\u00e9\\n\","
                + "\"extra\":true,\"sdkVersion\":\"a\\\\b\\/c\"}");
        assertThat(get(out, LogField.STATUS_CODE)).isEqualTo("404");
        assertThat(get(out, LogField.AUTH_TYPE)).isEqualTo("module/x509");
        assertThat(get(out, LogField.DEVICE_ID)).isEqualTo("d\"1\u00e9\n");
        assertThat(get(out, LogField.SDK_VERSION)).isEqualTo("a\\b/c");
    }

    @Test
    void stringsEndAtTheirClosingQuoteWhereverAnEscapeOrTheQuoteFallsInAWord() {
        // The end of a string is searched eight bytes at a time: put an escaped quote, an escaped backslash and the
        // closing quote at every offset of a word, and cut the text inside an escape.
        String[] escapes = {"\\\"", "\\\\", "\\u00e9", "\\/"};
        String[] meant = {"\"", "\\", "\u00e9", "/"};
        for (int before = 0; before < 20; before++) {
            for (int after = 0; after < 12; after++) {
                for (int e = 0; e < escapes.length; e++) {
                    String raw = "d".repeat(before) + escapes[e] + "x".repeat(after);
                    String[] out = scan("{\"deviceId\":\"" + raw + "\",\"protocol\":\"Mqtt\"}");
                    String as = before + " before, " + after + " after, escape " + e;
                    assertThat(get(out, LogField.DEVICE_ID)).as(as)
                            .isEqualTo("d".repeat(before) + meant[e] + "x".repeat(after));
                    assertThat(get(out, LogField.PROTOCOL)).as(as).isEqualTo("Mqtt");
                }
                String cut = "{\"deviceId\":\"" + "d".repeat(before) + "\\";
                assertThat(PropertiesScanner.scan(cut, new String[LogField.COUNT])).as(cut).isFalse();
                assertThat(PropertiesScanner.scan(cut + "\"" + "y".repeat(after), new String[LogField.COUNT]))
                        .as(cut).isFalse();
            }
        }
    }

    @Test
    void malformedTextKeepsWhatCameBeforeTheFault() {
        String[] out = new String[LogField.COUNT];
        assertThat(PropertiesScanner.scan("{\"deviceId\":\"d1\",\"protocol\":\"Mq", out)).isFalse();
        assertThat(get(out, LogField.DEVICE_ID)).isEqualTo("d1");
        assertThat(PropertiesScanner.scan("not json", new String[LogField.COUNT])).isFalse();
        assertThat(PropertiesScanner.scan("{}", new String[LogField.COUNT])).isTrue();
    }

    @Test
    void aValueMetBeforeIsRecognisedOnlyWhereTheStringEnds() {
        // One scanner over many rows recognises a cached value by its bytes and the closing quote after them: a
        // longer value, a shorter one, one that goes on with an escape, and the same bytes as a bare value must
        // each give what a fresh scanner gives, plain and as written in a CSV cell.
        String[] texts = {
            "{\"errorMessage\":\"Device disconnected\",\"sdkVersion\":\"a\\\\\",\"authType\":\"sas\"}",
            "{\"errorMessage\":\"Device disconnected, see aka.ms\",\"sdkVersion\":\"a\\\\b\"}",
            "{\"errorMessage\":\"Device disconnected\\\"\",\"sdkVersion\":\"a\\\\\"}",
            "{\"errorMessage\":\"Device\",\"authType\":\"{\\\"scope\\\":\\\"device\\\"}\"}",
            "{\"errorMessage\":\"Device disconnected\",\"authType\":\"sas\",\"protocol\":\"Mqtt\"}",
            "{\"errorMessage\":404,\"authType\":\"{\\\"scope\\\":\\\"device\\\"}\"}",
            "{\"errorMessage\":\"404\",\"authType\":\"{\\\"scope\\\":\\\"device\\\"}x\"}",
        };
        for (boolean quoted : new boolean[]{false, true}) {
            PropertiesScanner kept = new PropertiesScanner();
            for (int round = 0; round < 3; round++) {
                for (String text : texts) {
                    byte[] b = (quoted ? text.replace("\"", "\"\"") : text).getBytes(StandardCharsets.UTF_8);
                    String[] again = new String[LogField.COUNT];
                    String[] fresh = new String[LogField.COUNT];
                    assertThat(kept.scan(b, 0, b.length, again, null, quoted)).as(text).isTrue();
                    assertThat(new PropertiesScanner().scan(b, 0, b.length, fresh, null, quoted)).isTrue();
                    assertThat(again).as(quoted + " " + text).isEqualTo(fresh);
                }
            }
        }
    }

    @Test
    void reduceAuthTypeForms() {
        assertThat(PropertiesScanner.reduceAuthType(null)).isEmpty();
        assertThat(PropertiesScanner.reduceAuthType("null")).isEmpty();
        assertThat(PropertiesScanner.reduceAuthType("")).isEmpty();
        assertThat(PropertiesScanner.reduceAuthType("sas")).isEqualTo("sas");
        assertThat(PropertiesScanner.reduceAuthType("{\"type\":\"sas\"}")).isEqualTo("sas");
        assertThat(PropertiesScanner.reduceAuthType("{\"scope\":\"device\"}")).isEqualTo("device");
        assertThat(PropertiesScanner.reduceAuthType("{\"issuer\":\"iothub\",\"acceptingIpFilterRule\":{\"x\":1},"
                + "\"type\":\"x509\",\"scope\":\"device\"}")).isEqualTo("device/x509");
        assertThat(PropertiesScanner.reduceAuthType("{}")).isEmpty();
    }
}
