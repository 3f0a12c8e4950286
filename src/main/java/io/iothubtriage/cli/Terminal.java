package io.iothubtriage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a person is watching stderr: only then does the CLI draw lines that rewrite themselves. */
final class Terminal {

    private Terminal() {
    }

    /**
     * True when stderr is a terminal. Java 17 cannot ask about stderr directly; on Linux its file descriptor
     * names the device (/dev/pts/N, /dev/ttyN). Elsewhere, a console (stdin and stdout both terminals) is taken as
     * the answer.
     */
    static boolean stderrIsInteractive() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
