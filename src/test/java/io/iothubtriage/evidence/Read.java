package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads a whole export into a list (fine for tests; the reader itself never collects). */
record Read(List<ConnectionLogRow> rows, ReadStats stats) {

    static final Path SAMPLES = Path.of("src/test/resources/samples");

    static Read of(Path file) throws BadInputException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        ReadStats stats = ConnectionLogReader.read(file, rows::add);
        return new Read(rows, stats);
    }

    static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    ConnectionLogRow only() {
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + ": " + rows);
        }
        return rows.get(0);
    }
}
