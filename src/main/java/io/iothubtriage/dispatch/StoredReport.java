package io.iothubtriage.dispatch;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iothubtriage.diagnosis.TriageReport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The triage report as the ledger keeps it with an alert's plan, so that a retry or a redelivery posts the report
 * of the first triage instead of triaging again (two destinations must never get two verdicts for one alert).
 * <p>
 * The form is the report record itself as JSON (every field, so the cards rebuilt from it are the cards the first
 * triage would have posted), gzip-compressed and cut into binary table properties of {@value #PART_BYTES} bytes:
 * Azure Table allows 64 KiB per property and 1 MiB per entity. The report is bounded (see {@link TriageReport});
 * a report that would not fit in {@value #MAX_PARTS} parts is not stored, and a retry triages again.
 */
public final class StoredReport {
    static final int PART_BYTES = 60_000;
    static final int MAX_PARTS = 12;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // the record components only (their fields), never derived methods such as Hub.name()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StoredReport() {
    }

    /** The report as stored JSON. */
    public static String json(TriageReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the triage report for the ledger", e);
        }
    }

    /**
     * The report a {@link #json} wrote.
     *
     * @throws UncheckedIOException when it cannot be read (written by another version of the app)
     */
    public static TriageReport report(String json) {
        try {
            return JSON.readValue(json, TriageReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored triage report", e);
        }
    }

    /** The compressed report cut into table properties; empty when it would not fit into one row. */
    static Optional<List<byte[]>> parts(String json) {
        byte[] packed = gzip(json.getBytes(StandardCharsets.UTF_8));
        int count = (packed.length + PART_BYTES - 1) / PART_BYTES;
        if (count > MAX_PARTS) {
            return Optional.empty();
        }
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < packed.length; from += PART_BYTES) {
            out.add(Arrays.copyOfRange(packed, from, Math.min(packed.length, from + PART_BYTES)));
        }
        return Optional.of(out);
    }

    /** The JSON of the parts {@link #parts} cut. */
    static String join(List<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(all.toByteArray()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the stored triage report", e);
        }
    }

    /** True when the ledger can keep this report with the plan. */
    static boolean fits(String json) {
        return parts(json).isPresent();
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
