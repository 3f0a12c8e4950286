package io.iothubtriage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Copies the CLI's dependency jars for the launcher's start-up copy (target/cli/lib), without jar signatures.
 *
 * <p>Why: the Azure SDK's jars are signed, and a signed jar costs start-up time twice. The JVM hashes every class it
 * loads from one against the jar's manifest, and a class-data archive (AppCDS, which lets the JVM map classes instead
 * of parsing and verifying them) cannot hold classes from signed jars. For the Azure SDK that is about 0.4 s of CPU
 * per cold run. The copies hold the same classes and resources, byte for byte; only the signature files
 * ({@code META-INF/*.SF|RSA|DSA|EC}) and the manifest's per-entry digests are left out. The jars in target/lib, as
 * Maven downloaded and checked them, are not changed.
 *
 * <p>Usage (the launcher runs it): {@code java -cp iothub-triage.jar io.iothubtriage.cli.StartupJars FROM_DIR TO_DIR}
 */
public final class StartupJars {

    private StartupJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StartupJars FROM_DIR TO_DIR");
            System.exit(2);
        }
        int stripped = copyAll(Path.of(args[0]), Path.of(args[1]));
        System.out.println(stripped + " signed jars copied without their signatures");
    }

    /** Copies every *.jar of {@code from} into {@code to}; returns how many had signatures removed. */
    static int copyAll(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        int stripped = 0;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(from, "*.jar")) {
            for (Path jar : jars) {
                Path target = to.resolve(jar.getFileName());
                if (isSigned(jar)) {
                    copyUnsigned(jar, target);
                    stripped++;
                } else {
                    Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return stripped;
    }

    static boolean isSigned(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            return file.stream().anyMatch(e -> isSignatureFile(e.getName()));
        }
    }

    /** Writes {@code jar} to {@code target} without signature files; the manifest keeps its main attributes only. */
    static void copyUnsigned(Path jar, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (JarFile in = new JarFile(jar.toFile(), false);
             OutputStream file = Files.newOutputStream(partial);
             JarOutputStream out = new JarOutputStream(file, mainAttributesOnly(in.getManifest()))) {
            for (JarEntry entry : Collections.list(in.entries())) {
                String name = entry.getName();
                if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || isSignatureFile(name)) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                try (InputStream body = in.getInputStream(entry)) {
                    body.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Manifest mainAttributesOnly(Manifest original) {
        Manifest manifest = new Manifest();
        if (original != null) {
            manifest.getMainAttributes().putAll(original.getMainAttributes());
        }
        manifest.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }

    /** META-INF/*.SF, *.RSA, *.DSA, *.EC (and SIG-*): the files that make a jar signed. */
    static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String file = upper.substring("META-INF/".length());
        return file.endsWith(".SF") || file.endsWith(".RSA") || file.endsWith(".DSA") || file.endsWith(".EC")
                || file.startsWith("SIG-");
    }
}
