package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.evidence.ConnectionLogReader.Threads;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import io.iothubtriage.testing.SyntheticRows;
import io.iothubtriage.testing.SyntheticRows.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An export that another program cuts short, extends or rewrites while it is read is refused with one clear line,
 * never read as a shorter or longer export nor a crash: the bytes read to its end are checked against its size when
 * it was opened ({@link FileBytes}).
 */
class FileChangedWhileReadTest {

    /** Rows enough that the reader thread cannot have read the half that is cut while the first row is assembled. */
    private static final Spec SPEC = Spec.of(12_000).devices(500).newestFirst(true);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Format.class)
    void aFileCutShortWhileItIsReadIsRefusedNamingBothSizes(Format format) throws Exception {
        for (Threads threads : new Threads[]{Threads.ONE, Threads.TWO}) {
            Path file = dir.resolve("export-" + threads);
            ExportWriter.write(file, format, SyntheticRows.rows(SPEC), Options.realistic());
            long size = Files.size(file);
            long cut = size / 2 + 333; // inside a row, as a copy that is still being written would end

            int[] rows = {0};
            assertThatThrownBy(() -> ConnectionLogReader.read(file, r -> {
                if (rows[0]++ == 0) {
                    truncate(file, cut);
                }
            }, threads))
                    .as(format + ", " + threads)
                    .isInstanceOf(BadInputException.class)
                    .hasMessage(file + ": cannot be read: it changed while it was read (" + size
                            + " bytes when opened, " + cut + " read to its end): is it still being written?"
                            + " Read it again once it is complete");
            assertThat(rows[0]).isPositive().isLessThan((int) SPEC.count());
        }
    }

    @Test
    void aFileExtendedWhileItIsReadIsRefused() throws Exception {
        Path file = dir.resolve("export.csv");
        ExportWriter.write(file, Format.PORTAL_CSV, SyntheticRows.rows(SPEC), Options.realistic());
        long size = Files.size(file);
        byte[] more = Files.readAllBytes(file);
        int header = indexOfLineEnd(more) + 1;

        int[] rows = {0};
        assertThatThrownBy(() -> ConnectionLogReader.read(file, r -> {
            if (rows[0]++ == 0) {
                append(file, more, header); // the same rows again, as a second export appended to the first
            }
        }, Threads.TWO))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("it changed while it was read (" + size + " bytes when opened, "
                        + (size + more.length - header) + " read to its end)");
    }

    /** The synthetic export as a portal CSV, gzip-compressed: export.csv.gz in the test's folder. */
    private Path gzipExport() throws Exception {
        Path plain = dir.resolve("export.csv");
        ExportWriter.write(plain, Format.PORTAL_CSV, SyntheticRows.rows(SPEC), Options.realistic());
        Path file = dir.resolve("export.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            Files.copy(plain, out);
        }
        return file;
    }

    @Test
    void aGzipFileCutShortWhileItIsReadIsRefusedTheSameWay() throws Exception {
        Path file = gzipExport();
        long size = Files.size(file);
        long cut = size / 2;

        int[] rows = {0};
        assertThatThrownBy(() -> ConnectionLogReader.read(file, r -> {
            if (rows[0]++ == 0) {
                truncate(file, cut);
            }
        }, Threads.ONE))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("it changed while it was read (" + size + " bytes when opened, " + cut
                        + " read to its end)");
    }

    @Test
    void aGzipFileCutShortBeforeItWasReadIsSaidToBeCutOrDamaged() throws Exception {
        // cut before the read began (a download that stopped): the size does not change, the gzip data just ends
        Path file = gzipExport();
        truncate(file, Files.size(file) / 2);

        assertThatThrownBy(() -> ConnectionLogReader.read(file, r -> { }, Threads.ONE))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": cannot be read: its gzip data is cut short or damaged (Unexpected end of"
                        + " compressed data)");
    }

    @Test
    void aGzipFileCutBeforeItsTrailerOrInItsHeaderIsSaidToBeCutNotNull() throws Exception {
        // a download that stopped in the last bytes (the trailer), right after the gzip magic or after the header:
        // the JDK throws an EOFException, with no message in the first two cases
        for (long keep : new long[] {-4, 2, 10}) {
            Path file = gzipExport();
            truncate(file, keep < 0 ? Files.size(file) + keep : keep);
            assertThatThrownBy(() -> ConnectionLogReader.read(file, r -> { }, Threads.ONE))
                    .as("cut to %d bytes", keep)
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(file + ": cannot be read: its gzip data is cut short or damaged (")
                    .hasMessageNotContaining("null").hasMessageNotContaining("ZLIB");
        }
        Path header = gzipExport();
        truncate(header, 2);
        assertThatThrownBy(() -> ConnectionLogReader.read(header, r -> { }, Threads.ONE))
                .hasMessage(header + ": cannot be read: its gzip data is cut short or damaged (it ends early)");
    }

    @ParameterizedTest
    @EnumSource(value = Threads.class, names = {"ONE", "TWO"})
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void anExportFromAPipeIsReadToItsEndNotTakenForAChangedFile(Threads threads) throws Exception {
        // --logs <(zcat export.csv.gz), --logs /dev/stdin: a pipe has no size to compare the bytes read with
        Path plain = dir.resolve("export.csv");
        ExportWriter.write(plain, Format.PORTAL_CSV, SyntheticRows.rows(SPEC), Options.realistic());
        List<ConnectionLogRow> expected = new ArrayList<>();
        ConnectionLogReader.read(plain, expected::add, threads);
        Path fifo = dir.resolve("export.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                Files.copy(plain, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.setDaemon(true); // a reader that stopped early must not leave it blocked in the pipe
        writer.start();
        List<ConnectionLogRow> rows = new ArrayList<>();
        ConnectionLogReader.read(fifo, rows::add, threads);
        writer.join(10_000);
        assertThat(rows).hasSize((int) SPEC.count()).isEqualTo(expected);
    }

    @Test
    void anUnchangedFileReadsAsBeforeWhateverTheSizeOfTheReads() throws Exception {
        Path file = dir.resolve("bytes.bin");
        byte[] content = new byte[3 * InputFiles.BUFFER + 123];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + (i >> 9));
        }
        Files.write(file, content);
        try (FileBytes in = FileBytes.open(file)) {
            assertThat(in.peek(4)).containsExactly(content[0], content[1], content[2], content[3]);
            byte[] got = new byte[content.length];
            int n = 0;
            int[] sizes = {1, 7, FileBytes.DIRECT_READ, 100, InputFiles.BUFFER, 5_000};
            for (int k = 0; n < got.length; k++) {
                int size = sizes[k % sizes.length];
                if (size == 1) {
                    got[n++] = (byte) in.read();
                    continue;
                }
                int r = in.read(got, n, Math.min(size, got.length - n));
                assertThat(r).isPositive();
                n += r;
            }
            assertThat(got).isEqualTo(content);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(got, 0, got.length)).isEqualTo(-1);
        }
    }

    private static void truncate(Path file, long size) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(Path file, byte[] bytes, int from) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(bytes, from, bytes.length - from));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOfLineEnd(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("no line end");
    }
}
