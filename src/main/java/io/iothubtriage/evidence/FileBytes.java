package io.iothubtriage.evidence;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bytes of an evidence file, read to its end once: what {@link InputFiles} opens every file with.
 *
 * <p>Why not {@code Files.newInputStream} in a {@code BufferedInputStream}: that way each byte was copied three times
 * after the kernel's copy (the JDK's temporary direct buffer, then the buffered stream's array, then the CSV
 * scanner's), and each refill asked the file's size and position once more (two system calls). Here a big read (the
 * CSV scanner's and gzip's, 48 to 64 KB) goes straight into the caller's array ({@code FileInputStream}'s native read:
 * the kernel's copy into a scratch buffer, then one copy); only small reads (Jackson's 8 KB) go through this stream's
 * own buffer. Mapping the file instead ({@code FileChannel.map}) took the same CPU once the mapping's teardown is
 * counted, and a file cut short under a mapping faults instead of ending (docs/benchmarks.md, round 6).
 *
 * <p>A file that changes while it is read (written, cut short or extended by another program) must not be taken
 * for a shorter or longer export: at its end the bytes read are compared with its size when opened, and a
 * difference is a {@link ChangedWhileReadException}, not the end of the input.
 */
final class FileBytes extends InputStream {

    /** Reads at least this big skip the buffer: a second copy costs more than a system call saves. */
    static final int DIRECT_READ = InputFiles.BUFFER / 2;

    /** The file had another size at its end than when it was opened. */
    static final class ChangedWhileReadException extends IOException {
        private final long sizeWhenOpened;
        private final long bytesRead;

        ChangedWhileReadException(long sizeWhenOpened, long bytesRead) {
            super("it changed while it was read (" + sizeWhenOpened + " bytes when opened, " + bytesRead
                    + " read to its end): is it still being written? Read it again once it is complete");
            this.sizeWhenOpened = sizeWhenOpened;
            this.bytesRead = bytesRead;
        }

        long sizeWhenOpened() {
            return sizeWhenOpened;
        }

        long bytesRead() {
            return bytesRead;
        }
    }

    /** {@link #sizeWhenOpened} of what is not a regular file. */
    private static final long UNKNOWN_SIZE = -1;

    private final FileInputStream file;
    private final long sizeWhenOpened;
    private final byte[] buf = new byte[InputFiles.BUFFER];
    private int pos;
    private int lim;
    /** Bytes taken from the file so far (into the buffer or the caller's array). */
    private long fromFile;
    private boolean ended;

    private FileBytes(FileInputStream file, long sizeWhenOpened) {
        this.file = file;
        this.sizeWhenOpened = sizeWhenOpened;
    }

    static FileBytes open(Path path) throws IOException {
        FileInputStream in = new FileInputStream(path.toFile());
        try {
            // a pipe (--logs <(zcat …), /dev/stdin) has no size to check its end against: it is read to its end
            return new FileBytes(in, Files.isRegularFile(path) ? in.getChannel().size() : UNKNOWN_SIZE);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The first {@code n} bytes (fewer when the file is shorter), left unread: the next reads start with them.
     * {@code n} is at most the buffer's size.
     */
    byte[] peek(int n) throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < n && !ended) {
            int got = fromFile(buf, lim, buf.length - lim);
            if (got > 0) {
                lim += got;
            }
        }
        return Arrays.copyOfRange(buf, 0, Math.min(n, lim));
    }

    @Override
    public int read() throws IOException {
        if (pos == lim && !refill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos < lim) {
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        if (len >= DIRECT_READ) {
            while (!ended) {
                int n = fromFile(b, off, len);
                if (n > 0) {
                    return n;
                }
            }
            return -1;
        }
        if (!refill()) {
            return -1;
        }
        int n = Math.min(len, lim);
        System.arraycopy(buf, 0, b, off, n);
        pos = n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (pos < lim) {
            int k = (int) Math.min(n, lim - pos);
            pos += k;
            return k;
        }
        return refill() ? skip(n) : 0;
    }

    /** Buffered bytes and what is left of the file (gzip asks, at the end of a member, whether another follows). */
    @Override
    public int available() throws IOException {
        return (int) Math.min(Integer.MAX_VALUE, (long) (lim - pos) + (ended ? 0 : file.available()));
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** Fills the empty buffer; false at the end of the file. */
    private boolean refill() throws IOException {
        pos = lim = 0;
        while (!ended) {
            int n = fromFile(buf, 0, buf.length);
            if (n > 0) {
                lim = n;
                return true;
            }
        }
        return false;
    }

    /** One read from the file: the bytes read, or -1 at its end once its size is checked. */
    private int fromFile(byte[] b, int off, int len) throws IOException {
        int n = file.read(b, off, len);
        if (n < 0) {
            ended = true;
            if (sizeWhenOpened != UNKNOWN_SIZE && fromFile != sizeWhenOpened) {
                throw new ChangedWhileReadException(sizeWhenOpened, fromFile);
            }
            return -1;
        }
        fromFile += n;
        return n;
    }
}
