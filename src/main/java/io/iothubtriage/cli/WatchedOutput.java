package io.iothubtriage.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;

/**
 * An output stream that remembers why its first write failed. A {@link PrintStream} swallows write errors, so a report
 * written to a full disk ({@code > /dev/full}, a full tmpfs) would end cut short with exit 0; with this under it,
 * {@link Main} tells the user and exits 1. A reader that stopped reading ({@code | head}) is not a failure: the
 * report is what the user asked to see of it, as for any command in a pipe.
 */
final class WatchedOutput extends FilterOutputStream {

    private IOException failure;

    WatchedOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            remember(e);
            throw e;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            remember(e);
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            remember(e);
            throw e;
        }
    }

    private void remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** Why the output is incomplete, in words; empty when every write succeeded or only the reader went away. */
    Optional<String> problem() {
        if (failure == null) {
            return Optional.empty();
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (message.contains("Broken pipe") || message.contains("Stream closed")) {
            return Optional.empty();
        }
        return Optional.of(message.isEmpty() ? failure.getClass().getSimpleName() : message);
    }
}
