package io.iothubtriage.cli;

import io.iothubtriage.alert.BadInputException;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Files the CLI writes: checked before any work is done (its folder exists, it is not a folder itself, and it is
 * none of the inputs: writing the report over the export it was made from would lose the export), written, and, when a
 * write fails, why in words.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * @param option the option that named the file, e.g. "--out"
     * @param inputs every file the command reads, with the option that named it
     * @throws BadInputException naming the option, the file and the problem
     */
    static void checkWritable(String option, Path file, List<Input> inputs) throws BadInputException {
        String where = option + " " + file;
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new BadInputException(where, "is a folder; give a file name for the report");
        }
        Path folder = absolute.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new BadInputException(where, Files.exists(folder)
                    ? "cannot be written: " + folder + " is a file, not a folder"
                    : "cannot be written: the folder " + folder + " does not exist (create it first)");
        }
        for (Input input : inputs) {
            if (same(absolute, input.file())) {
                throw new BadInputException(where, "is also the " + input.option() + " input; writing the report "
                        + "there would overwrite it, so give another file name");
            }
        }
    }

    /** A file the command reads, and the option that named it. */
    record Input(String option, Path file) {
    }

    private static boolean same(Path output, Path input) {
        Path in = input.toAbsolutePath().normalize();
        if (output.equals(in)) {
            return true;
        }
        try {
            return Files.exists(output) && Files.exists(in) && Files.isSameFile(output, in);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code text} to {@code file} as UTF-8, replacing it. Through a {@link FileOutputStream}, not
     * {@code Files.writeString}: the latter opens a file channel, whose first use in a JVM loads two dozen classes and
     * the JDK's network library, about 1 ms of the demo's 90 (docs/benchmarks.md, ninth round).
     */
    static void writeUtf8(Path file, String text) throws IOException {
        OutputStream out;
        try {
            out = new FileOutputStream(file.toFile());
        } catch (FileNotFoundException e) {
            throw openFailure(file, e);
        }
        try (out) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * java.io says why a file could not be opened only in its message's text; the file system says it as facts: the
     * same failure as the exception {@code Files} would have thrown, for {@link #reason} to put in words.
     */
    private static IOException openFailure(Path file, FileNotFoundException e) {
        Path folder = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            return new FileSystemException(file.toString(), null, file + " is a folder");
        }
        if (folder != null && !Files.isDirectory(folder)) {
            return new NoSuchFileException(file.toString());
        }
        if ((folder != null && !Files.isWritable(folder)) || (Files.exists(file) && !Files.isWritable(file))) {
            return new AccessDeniedException(file.toString());
        }
        return e;
    }

    /** Why a write failed, in words (the JDK's message is often just the path). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "its folder does not exist";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "the write failed" : Main.oneLine(m);
    }
}
