package io.iothubtriage.cli;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher starts the JVM as {@code -cp JAR MAIN} (the jar's manifest is not read for its Main-Class, see the
 * launcher), so the class it names must be the one the pom writes into the manifest, and have a {@code main}.
 */
class LauncherMainClassTest {

    @Test
    void theLaunchersMainClassIsThePomsAndHasAMainMethod() throws Exception {
        String launcher = Files.readString(Path.of("iothub-triage"));
        String pom = Files.readString(Path.of("pom.xml"));
        String named = single(Pattern.compile("(?m)^main_class=(\\S+)$"), launcher, "main_class= in the launcher");
        String manifest = single(Pattern.compile("<mainClass>([^<]+)</mainClass>"), pom, "<mainClass> in pom.xml");

        assertThat(named).isEqualTo(manifest);
        Method main = Class.forName(named).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
        assertThat(launcher).doesNotContain("-jar \"$");
    }

    private static String single(Pattern p, String text, String what) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(what).isTrue();
        String found = m.group(1);
        assertThat(m.find()).as("only one " + what).isFalse();
        return found;
    }
}
