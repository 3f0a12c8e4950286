package io.iothubtriage.alert;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Jackson's real limit exceptions, told in words without its API names. */
class JsonLimitsTest {

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aValueTooLongSaysItsLengthAndTheLimit() {
        String json = "{\"properties\":\"" + "x".repeat(20_000_001) + "\"}";
        StreamConstraintsException e = catchThrowableOfType(() -> mapper.readTree(json),
                StreamConstraintsException.class);
        assertThat(JsonLimits.inWords(e)).isEqualTo("a text value of 20,000,001 characters is longer than the "
                + "20,000,000 characters (about 20 MB) one value may hold; the file is damaged or not an export")
                .doesNotContain("StreamReadConstraints");
    }

    @Test
    void nestingTooDeepSaysHowDeep() {
        String json = "[".repeat(1_001) + "]".repeat(1_001);
        StreamConstraintsException e = catchThrowableOfType(() -> mapper.readTree(json),
                StreamConstraintsException.class);
        assertThat(JsonLimits.inWords(e)).startsWith("it nests arrays or objects 1,001 levels deep, more than the "
                + "1,000 levels allowed").doesNotContain("StreamReadConstraints");
    }
}
