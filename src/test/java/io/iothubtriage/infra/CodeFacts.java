package io.iothubtriage.infra;

import io.iothubtriage.functions.Names;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the Functions code writes, read from the code itself, for the infrastructure's alerts to agree with. */
final class CodeFacts {
    private static final Path CODE = Path.of("src/main/java/io/iothubtriage");
    private static final Pattern STAGE_CALL = Pattern.compile("\\.stage\\(([^)]*)\\)");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z-]*)\"");

    private CodeFacts() {}

    /** Every stage name passed to StageLog.stage(...) as a literal, including both sides of a ternary. */
    static Set<String> stageNames() {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CODE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher call = STAGE_CALL.matcher(Files.readString(file));
                while (call.find()) {
                    Matcher literal = LITERAL.matcher(call.group(1));
                    while (literal.find()) {
                        out.add(literal.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The function names, which Application Insights reports as the request name (AppRequests.Name). */
    static Set<String> functionNames() {
        return Set.of(Names.ALERTS, Names.TRIAGE_WORKER, Names.TRIAGE_POISON, Names.TRIAGE);
    }
}
