package io.iothubtriage.cli;

import java.lang.instrument.Instrumentation;

/** A Java agent that does nothing: what a monitoring agent in JAVA_TOOL_OPTIONS is to the launcher (see its IT). */
public final class NoOpAgent {

    private NoOpAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        // loaded is enough: the JVM refuses to write a class-data archive while any agent is loaded
    }
}
