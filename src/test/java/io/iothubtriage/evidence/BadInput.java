package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;

import java.nio.file.Path;

/** Test helper: the message of the BadInputException a read must raise, checked to be one line naming the file. */
final class BadInput {

    private BadInput() {
    }

    interface Call {
        void run() throws BadInputException;
    }

    static AbstractStringAssert<?> of(Path file) {
        return of(file, () -> ConnectionLogReader.read(file, row -> { }));
    }

    static AbstractStringAssert<?> of(Path file, Call call) {
        try {
            call.run();
        } catch (BadInputException e) {
            Assertions.assertThat(e.where()).isEqualTo(file.toString());
            return Assertions.assertThat(e.getMessage())
                    .startsWith(file + ": ")
                    .doesNotContain("\n").doesNotContain("\r");
        }
        throw new AssertionError("expected a BadInputException for " + file);
    }
}
