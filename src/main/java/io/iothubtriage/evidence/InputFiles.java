package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens an evidence file the same way for every reader: refuses what is not a readable, non-empty regular file
 * with a one-line reason, unpacks gzip transparently, skips a UTF-8 byte-order mark, refuses binary content, and
 * says which character the text starts with so the caller can tell JSON from CSV.
 */
final class InputFiles {

    static final int BUFFER = 1 << 16;
    private static final int SNIFF = 8192;

    private InputFiles() {
    }

    /**
     * An opened file: a stream positioned after any byte-order mark, its encoding (UTF-8, or UTF-16 when a
     * UTF-16 byte-order mark says so, as Windows PowerShell 5.1 writes redirected output), and its first non-blank
     * character.
     */
    record Opened(InputStream stream, Charset charset, char firstChar) implements AutoCloseable {
        boolean isUtf8() {
            return charset.equals(StandardCharsets.UTF_8);
        }

        /** The content as characters (JSON that is not UTF-8). */
        Reader reader() {
            return new InputStreamReader(stream, charset);
        }

        /** The content as UTF-8 bytes: the stream itself, or UTF-16 transcoded on the fly. */
        InputStream utf8Stream() {
            return isUtf8() ? stream : new Utf8Transcoder(reader());
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    static String where(Path file) {
        return file.toString();
    }

    static Opened open(Path file) throws BadInputException {
        String where = where(file);
        checkRegularFile(file);
        InputStream in = null;
        try {
            FileBytes raw = FileBytes.open(file);
            in = raw;
            byte[] magic = raw.peek(4);
            int b0 = magic.length > 0 ? magic[0] & 0xff : -1;
            int b1 = magic.length > 1 ? magic[1] & 0xff : -1;
            byte[] head;
            if (b0 == 0x1f && b1 == 0x8b) {
                in = new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
                in.mark(SNIFF);
                head = in.readNBytes(SNIFF);
                in.reset();
            } else if (magic.length == 4 && b0 == 'P' && b1 == 'K' && magic[2] == 3 && magic[3] == 4) {
                throw new BadInputException(where, "is a ZIP archive: extract the export from it first");
            } else {
                head = raw.peek(SNIFF);
            }
            Charset charset = StandardCharsets.UTF_8;
            int offset = 0;
            if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
                offset = 3;
            } else if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
                charset = StandardCharsets.UTF_16LE;
                offset = 2;
            } else if (head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
                charset = StandardCharsets.UTF_16BE;
                offset = 2;
            }
            in.skipNBytes(offset);
            String text;
            if (charset.equals(StandardCharsets.UTF_8)) {
                checkText(where, head, offset);
                text = new String(head, offset, head.length - offset, StandardCharsets.ISO_8859_1);
            } else {
                text = new String(head, offset, (head.length - offset) & ~1, charset);
                checkUtf16Text(where, text);
            }
            int first = 0;
            while (first < text.length() && isBlank(text.charAt(first))) {
                first++;
            }
            if (first == text.length()) {
                if (head.length < SNIFF) {
                    throw new BadInputException(where, "is empty (nothing but blank space)");
                }
                throw new BadInputException(where, "starts with more than 8 KB of blank space: not an export");
            }
            Opened opened = new Opened(in, charset, text.charAt(first));
            in = null;
            return opened;
        } catch (java.util.zip.ZipException e) {
            throw new BadInputException(where, "looks gzip-compressed but cannot be unpacked: " + oneLine(e.getMessage()));
        } catch (IOException e) {
            throw new BadInputException(where, cannotRead(e), e);
        } finally {
            closeQuietly(in);
        }
    }

    /** Refuses a path that does not exist, a directory, an unreadable or an empty file. */
    static void checkRegularFile(Path file) throws BadInputException {
        String where = where(file);
        if (!Files.exists(file)) {
            throw new BadInputException(where, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(where, "is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(where, "cannot be read (permission denied)");
        }
        try {
            if (Files.isRegularFile(file) && Files.size(file) == 0) {
                throw new BadInputException(where, "is empty (0 bytes)");
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(where, "no such file");
        } catch (AccessDeniedException e) {
            throw new BadInputException(where, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw new BadInputException(where, cannotRead(e), e);
        }
    }

    /**
     * Refuses binary content: a NUL byte, control characters a text export never holds, or bytes that are not
     * UTF-8. A multi-byte character cut by the end of the sniffed window is fine.
     */
    private static void checkText(String where, byte[] head, int from) throws BadInputException {
        int i = from;
        while (i < head.length) {
            int b = head[i] & 0xff;
            if (b < 0x80) {
                if (b == 0 || (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7f) {
                    throw binary(where, b, i);
                }
                i++;
                continue;
            }
            int extra = b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 ? (b <= 0xEF ? 2 : -1) : b >= 0xC2 && b <= 0xDF ? 1 : -1;
            if (extra < 0) {
                throw binary(where, b, i);
            }
            for (int k = 1; k <= extra; k++) {
                if (i + k >= head.length) {
                    return;
                }
                if ((head[i + k] & 0xC0) != 0x80) {
                    throw binary(where, head[i + k] & 0xff, i + k);
                }
            }
            i += extra + 1;
        }
    }

    private static BadInputException binary(String where, int b, int offset) {
        return new BadInputException(where, String.format(
                "is binary data, not a JSON or CSV text export (byte 0x%02x at offset %d)", b, offset));
    }

    private static void checkUtf16Text(String where, String text) throws BadInputException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f) {
                throw new BadInputException(where, String.format(
                        "is binary data, not a JSON or CSV text export (character U+%04X at position %d)", (int) c, i));
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /**
     * "cannot be read: …" for a read that failed part-way, in words: a gzip file cut short or damaged is said to be
     * so (the JDK says "Unexpected end of ZLIB input stream" or "invalid stored block lengths").
     */
    static String cannotRead(IOException e) {
        // the gzip reader ends a file cut before its trailer (or inside its header) with an EOFException that has
        // no message: that is the download that stopped near its end, the commonest cut of all
        if (e instanceof java.io.EOFException && e.getMessage() == null) {
            return "cannot be read: its gzip data is cut short or damaged (it ends early)";
        }
        String m = e.getMessage() == null ? "the read failed" : oneLine(e.getMessage());
        if (e instanceof java.util.zip.ZipException || m.contains("ZLIB") || m.contains("GZIP")) {
            return "cannot be read: its gzip data is cut short or damaged (" + m.replace("ZLIB input stream",
                    "compressed data") + ")";
        }
        return "cannot be read: " + m;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing to add to the error already being reported
            }
        }
    }

    /** Re-encodes characters as UTF-8 bytes, for the byte-level CSV scanner reading a UTF-16 file. */
    private static final class Utf8Transcoder extends InputStream {
        private final Reader reader;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192 * 3);
        private boolean eof;

        Utf8Transcoder(Reader reader) {
            this.reader = reader;
            bytes.flip();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!bytes.hasRemaining()) {
                if (eof) {
                    return -1;
                }
                int n = reader.read(chars);
                chars.flip();
                eof = n < 0;
                bytes.clear();
                encoder.encode(chars, bytes, eof);
                if (eof) {
                    encoder.flush(bytes);
                }
                chars.compact();
                bytes.flip();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
