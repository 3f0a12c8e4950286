package io.iothubtriage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version and git commit the CLI was built from, written by the build into {@code build.properties} (see the
 * pom's build-info step): "0.1.0-SNAPSHOT (commit 48309c65cd98)", "… with local changes" when the working tree had
 * uncommitted changes, "unknown commit" for a build outside git.
 */
record BuildInfo(String version, String commit, boolean localChanges) {

    static final String RESOURCE = "build.properties";

    /** What this jar was built from; "unknown version" when the resource is missing (classes run from an IDE). */
    static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unreadable: fall through to the unknown values
        }
        return of(p);
    }

    static BuildInfo of(Properties p) {
        return new BuildInfo(p.getProperty("version", "unknown version").trim(),
                p.getProperty("commit", "unknown commit").trim(),
                Boolean.parseBoolean(p.getProperty("localChanges", "false").trim()));
    }

    /** "iothub-triage 0.1.0-SNAPSHOT (commit 48309c65cd98)". */
    String line() {
        String built = commit.equals("unknown commit") ? "unknown commit" : "commit " + commit
                + (localChanges ? " with local changes" : "");
        return "iothub-triage " + version + " (" + built + ")";
    }
}
