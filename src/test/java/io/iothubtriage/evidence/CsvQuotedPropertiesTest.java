package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The portal CSV's properties_s is scanned as the cell holds it, every quote doubled, in the file's buffer (or in
 * the cell's copy when the cell straddles two reads), with a plain scan of the unquoted text as the fallback for
 * anything unusual. Whichever way a text is read, the evidence must be what the JSON formats give for the same
 * text: escapes, raw non-ASCII bytes, key order, repeated keys, whitespace, broken and cut texts, empty cells.
 */
class CsvQuotedPropertiesTest {

    @TempDir
    Path dir;

    /** properties_s texts (JSON as the service writes it, and not). */
    private static final List<String> TEXTS = List.of(
            "{\"deviceId\":\"plain-1\",\"protocol\":\"Mqtt\",\"maskedIpAddress\":\"1.2.3.XXX\",\"statusCode\":\"404\"}",
            // escapes in values: an escaped quote (\"" in the cell), a backslash (also last before the closing
            // quote), \u00e9, \/
            "{\"deviceId\":\"d\\\"quoted\\\"\",\"protocol\":\"Mqtt\"}",
            "{\"deviceId\":\"back\\\\slash\",\"sdkVersion\":\"ends with \\\\\",\"protocol\":\"Amqp\"}",
            "{\"deviceId\":\"caf\\u00e9\",\"errorMessage\":\"see https:\\/\\/aka.ms\\/iothub404104\"}",
            "{\"deviceId\":\"\\\"\",\"errorMessage\":\"\\\"\\\"\\\\\\\"\"}",
            // raw non-ASCII bytes (2-, 3- and 4-byte UTF-8)
            "{\"deviceId\":\"gerät-設備-\uD83D\uDCDF\",\"errorMessage\":\"Gerät getrennt, \\\"설명\\\"\"}",
            // keys in another order, repeated keys (the last one wins: plain, escaped, non-ASCII)
            "{\"statusCode\":\"401\",\"maskedIpAddress\":\"9.9.9.XXX\",\"protocol\":\"MqttWs\",\"deviceId\":\"last\"}",
            "{\"deviceId\":\"first\",\"protocol\":\"Mqtt\",\"deviceId\":\"second\"}",
            "{\"deviceId\":\"esc\\\"aped\",\"deviceId\":\"plain-again\"}",
            "{\"deviceId\":\"plain-first\",\"deviceId\":\"é-then\"}",
            "{\"DeviceID\":\"any-case\",\"PROTOCOL\":\"Amqp\"}",
            // whitespace around colons and commas, and a line break between tokens (a pretty-printed text)
            " { \"deviceId\" : \"spaced\" ,\t\"protocol\" :\"Mqtt\" } ",
            "{\n  \"deviceId\": \"pretty\",\n  \"protocol\": \"Mqtt\"\n}",
            "{\"deviceId\":\"line\nbreak\",\"protocol\":\"Mqtt\"}",
            // authType as JSON inside a string and as an object; nested unknown values with quotes in them
            "{\"deviceId\":\"auth-1\",\"authType\":\"{\\\"scope\\\":\\\"device\\\",\\\"type\\\":\\\"sas\\\","
                    + "\\\"issuer\\\":\\\"iothub\\\",\\\"acceptingIpFilterRule\\\":null}\"}",
            "{\"deviceId\":\"auth-2\",\"authType\":{\"scope\":\"module\",\"type\":\"x509\"},"
                    + "\"moduleId\":{\"a\":[1,{\"b\":\"}\\\"\"}]}}",
            // bare values, a quote inside a bare value, text after the object
            "{\"deviceId\":\"bare\",\"statusCode\":404,\"protocol\":null,\"extra\":true}",
            "{\"deviceId\":\"odd-bare\",\"statusCode\":40\"4}",
            "{\"deviceId\":\"trailing\"} and then \"more\" text",
            // repeated long values (recognised from the previous row), then a longer and a shorter one
            "{\"deviceId\":\"m1\",\"errorMessage\":\"Device disconnected, see https:\\/\\/aka.ms\"}",
            "{\"deviceId\":\"m2\",\"errorMessage\":\"Device disconnected, see https:\\/\\/aka.ms\"}",
            "{\"deviceId\":\"m3\",\"errorMessage\":\"Device disconnected, see https:\\/\\/aka.ms, and more\"}",
            "{\"deviceId\":\"m4\",\"errorMessage\":\"Device disconnected\"}",
            "{\"deviceId\":\"m5\",\"errorMessage\":\"Device disconnected, see https:\\/\\/aka.ms\\\"\"}",
            // not an object, cut off, empty, blank, no device
            "[\"deviceId\",\"array\"]",
            "\"deviceId\"",
            "null",
            "{\"deviceId\":\"cut\",\"protocol\":\"Mq",
            "{\"deviceId\":\"cut-in-escape\\",
            "{\"deviceId\":\"cut-after-escape\\\"",
            "{\"deviceId\":\"cut-before-colon\",\"protocol\"",
            "{",
            "",
            "   ",
            "{}",
            "{\"protocol\":\"Mqtt\"}",
            "{\"deviceId\":\"\"}");

    @Test
    void everyTextGivesInCsvWhatItGivesInJson() throws Exception {
        Read json = Read.of(Read.write(dir, "rows.json", laResponse(TEXTS)));
        Read csv = Read.of(Read.write(dir, "rows.csv", csv(TEXTS, "\n")));
        assertThat(json.rows()).hasSizeGreaterThan(20);
        assertThat(csv.rows()).containsExactlyElementsOf(json.rows());
        assertSameCounts(csv.stats(), json.stats());
        assertThat(json.stats().unreadable()).isGreaterThan(8);
    }

    @Test
    void theSameTextsInAnyOrderAndAfterEveryOtherGiveTheSameRows() throws Exception {
        // the scanner keeps what it met before (recently seen values); every text after every other one
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            for (int j = 0; j < TEXTS.size(); j += 3) {
                texts.add(TEXTS.get((i + j) % TEXTS.size()));
            }
        }
        Read json = Read.of(Read.write(dir, "all.json", laResponse(texts)));
        Read csv = Read.of(Read.write(dir, "all.csv", csv(texts, "\r\n")));
        assertThat(csv.rows()).containsExactlyElementsOf(json.rows());
        assertSameCounts(csv.stats(), json.stats());
    }

    @Test
    void cellsThatStraddleTwoReadsOfTheFileGiveTheSameRows() throws Exception {
        // the buffer read only when empty, and the file handed out a few bytes at a time: the cell's end, its
        // closing quote, its doubled quotes and escapes fall at every place of a read
        byte[] bytes = csv(TEXTS, "\n").getBytes(StandardCharsets.UTF_8);
        List<ConnectionLogRow> whole = readCsv(bytes, bytes.length, CsvScanner.RECORD_AHEAD);
        assertThat(whole).isEqualTo(Read.of(Read.write(dir, "rows.json", laResponse(TEXTS))).rows());
        for (int chunk = 1; chunk <= 97; chunk += chunk < 12 ? 1 : 17) {
            assertThat(readCsv(bytes, chunk, 0)).as("reads of " + chunk + " bytes").isEqualTo(whole);
        }
    }

    @Test
    void keysInAnyOrderGiveInCsvWhatTheyGiveInJsonWhereverTheFileIsRead() throws Exception {
        // the CSV cell's scan expects each key where the rows before had it (KeyOrder); a cell that straddles two
        // reads is scanned later, from its copy, by the assembler's own scanner
        List<String> texts = KeyOrderTexts.texts(11, 1500);
        Read json = Read.of(Read.write(dir, "keys.json", laResponse(texts)));
        Read csv = Read.of(Read.write(dir, "keys.csv", csv(texts, "\n")));
        assertThat(json.rows()).hasSizeGreaterThan(1000);
        assertThat(csv.rows()).containsExactlyElementsOf(json.rows());
        assertSameCounts(csv.stats(), json.stats());
        byte[] bytes = csv(texts, "\n").getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[]{7, 61, 509, 4099}) {
            assertThat(readCsv(bytes, chunk, 0)).as("reads of " + chunk + " bytes").isEqualTo(json.rows());
        }
    }

    @Test
    void everyCutOfATextGivesInCsvWhatItGivesInJson() throws Exception {
        String text = "{\"deviceId\":\"d\\\"1\\\\\",\"authType\":{\"scope\":\"device\",\"type\":\"x509\"},"
                + "\"protocol\" : \"Mqtt\",\"errorMessage\":\"é\\u00e9\\/\"}";
        List<String> cuts = new ArrayList<>();
        for (int k = 0; k <= text.length(); k++) {
            cuts.add(text.substring(0, k));
        }
        Read json = Read.of(Read.write(dir, "cuts.json", laResponse(cuts)));
        Read csv = Read.of(Read.write(dir, "cuts.csv", csv(cuts, "\n")));
        assertThat(json.rows()).isNotEmpty();
        assertThat(csv.rows()).containsExactlyElementsOf(json.rows());
        assertSameCounts(csv.stats(), json.stats());
    }

    @Test
    void aQuotedTextScansAsItsPlainText() {
        for (String text : TEXTS) {
            String[] plain = new String[LogField.COUNT];
            String[] quoted = new String[LogField.COUNT];
            boolean plainWellFormed = PropertiesScanner.scan(text, plain);
            boolean quotedWellFormed = PropertiesScanner.scanQuoted(text, quoted);
            if (quotedWellFormed) {
                // a well-formed quoted scan is final: it must be the plain scan's result
                assertThat(plainWellFormed).as(text).isTrue();
                assertThat(quoted).as(text).isEqualTo(plain);
            }
        }
        String[] out = new String[LogField.COUNT];
        assertThat(PropertiesScanner.scanQuoted("{\"deviceId\":\"a\\\"b\",\"statusCode\":\"4\\u0030\\/4\"}", out))
                .isTrue();
        assertThat(out[LogField.DEVICE_ID.ordinal()]).isEqualTo("a\"b");
        assertThat(out[LogField.STATUS_CODE.ordinal()]).isEqualTo("40/4");
    }

    @Test
    void aCellOverSeveralLinesKeepsTheLineNumbersOfTheRowsAfterIt() {
        String csv = "TimeGenerated [UTC],Category,OperationName,Level,ResultType,properties_s\n"
                + "2026-11-26T10:41:01Z,Connections,deviceConnect,Information,,\"{\n\"\"deviceId\"\":\"\"a\"\"\n}\"\n"
                + "2026-11-26T10:41:02Z,Connections,deviceConnect,Information,,\"{\"\"deviceId\"\":\"\"b\"\"}\"\n"
                + "not a time,Connections,deviceConnect,Information,,\"{\"\"deviceId\"\":\"\"c\"\"}\"\n";
        assertThatThrownBy(() -> readCsv(csv.getBytes(StandardCharsets.UTF_8), 1 << 16, CsvScanner.RECORD_AHEAD))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("row 3 (line 6)");
    }

    private List<ConnectionLogRow> readCsv(byte[] bytes, int chunk, int ahead) throws Exception {
        List<ConnectionLogRow> rows = new ArrayList<>();
        RowCollector collector = RowCollector.direct(new RowAssembler("rows.csv", RowIntake.passThrough(rows::add)));
        CsvLogReader.read(trickle(bytes, chunk), "rows.csv", collector, ahead);
        return rows;
    }

    private static void assertSameCounts(ReadStats csv, ReadStats json) {
        assertThat(csv.accepted()).isEqualTo(json.accepted());
        assertThat(csv.rows()).isEqualTo(json.rows());
        assertThat(csv.unreadable()).isEqualTo(json.unreadable());
        assertThat(csv.skippedWithoutDevice()).isEqualTo(json.skippedWithoutDevice());
        assertThat(csv.skippedOtherCategories()).isEqualTo(json.skippedOtherCategories());
    }

    /**
     * One Connections row per text, one second apart (so that no two are the same event), properties_s quoted; the
     * time quoted too on every other row, and a cell after properties_s (a read of the file in the middle of it must
     * not lose the cells before it that were left in the buffer).
     */
    private static String csv(List<String> texts, String newline) {
        StringBuilder b = new StringBuilder(
                "TimeGenerated [UTC],Category,OperationName,Level,ResultType,properties_s,Location").append(newline);
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            b.append(i % 2 == 0 ? time(i) : "\"" + time(i) + "\"").append(",Connections,deviceConnect,Error,404104,");
            // the empty text both ways: an empty cell and an empty quoted cell
            if (!text.isEmpty() || i % 2 == 0) {
                b.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
            b.append(",westeurope-").append(i).append(newline);
        }
        return b.toString();
    }

    /** The same rows as a Log Analytics query response: properties_s a JSON string. */
    private static String laResponse(List<String> texts) {
        StringBuilder b = new StringBuilder("{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":["
                + "{\"name\":\"TimeGenerated\",\"type\":\"datetime\"},{\"name\":\"Category\",\"type\":\"string\"},"
                + "{\"name\":\"OperationName\",\"type\":\"string\"},{\"name\":\"Level\",\"type\":\"string\"},"
                + "{\"name\":\"ResultType\",\"type\":\"string\"},{\"name\":\"properties_s\",\"type\":\"string\"}],"
                + "\"rows\":[");
        for (int i = 0; i < texts.size(); i++) {
            b.append(i == 0 ? "" : ",").append("[\"").append(time(i))
                    .append("\",\"Connections\",\"deviceConnect\",\"Error\",\"404104\",");
            jsonString(b, texts.get(i));
            b.append(']');
        }
        return b.append("]}]}").toString();
    }

    private static void jsonString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < ' ') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    private static String time(int i) {
        return String.format("2026-11-26T10:%02d:%02dZ", i / 60 % 60, i % 60);
    }

    /** The bytes, handed out at most {@code chunk} at a time. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
