package io.iothubtriage.cli;

import com.azure.core.http.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

class StartupJarsTest {

    /** azure-core, as Maven downloaded it: signed by Microsoft. */
    private static Path azureCoreJar() throws Exception {
        return Path.of(HttpClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void aSignedJarIsCopiedWithTheSameClassesAndNoSignature(@TempDir Path dir) throws Exception {
        Path signed = azureCoreJar();
        assertThat(StartupJars.isSigned(signed)).isTrue();
        Path from = Files.createDirectories(dir.resolve("lib"));
        Files.copy(signed, from.resolve(signed.getFileName()));

        int stripped = StartupJars.copyAll(from, dir.resolve("cli-lib"));

        Path copy = dir.resolve("cli-lib").resolve(signed.getFileName());
        assertThat(stripped).isEqualTo(1);
        assertThat(StartupJars.isSigned(copy)).isFalse();
        String klass = "com/azure/core/http/HttpClient.class";
        try (JarFile original = new JarFile(signed.toFile(), true); JarFile unsigned = new JarFile(copy.toFile(), true)) {
            List<String> originalNames = names(original).stream().filter(n -> !StartupJars.isSignatureFile(n)).toList();
            assertThat(names(unsigned)).containsExactlyInAnyOrderElementsOf(originalNames);
            JarEntry signedEntry = original.getJarEntry(klass);
            JarEntry plainEntry = unsigned.getJarEntry(klass);
            assertThat(read(unsigned, plainEntry)).isEqualTo(read(original, signedEntry));
            assertThat(signedEntry.getCodeSigners()).isNotEmpty();   // read to the end: verified
            assertThat(plainEntry.getCodeSigners()).isNull();
            Manifest manifest = unsigned.getManifest();
            assertThat(manifest.getEntries()).isEmpty();             // no per-entry digests
            assertThat(manifest.getMainAttributes().getValue("Implementation-Version"))
                    .isEqualTo(original.getManifest().getMainAttributes().getValue("Implementation-Version"));
        }
    }

    @Test
    void anUnsignedJarIsCopiedAsIs(@TempDir Path dir) throws Exception {
        Path from = Files.createDirectories(dir.resolve("lib"));
        Path jar = from.resolve("plain.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new ZipEntry("a/B.class"));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            out.closeEntry();
            out.putNextEntry(new ZipEntry("META-INF/services/x.Provider"));
            out.write("a.B\n".getBytes());
            out.closeEntry();
        }

        int stripped = StartupJars.copyAll(from, dir.resolve("cli-lib"));

        assertThat(stripped).isZero();
        Path copy = dir.resolve("cli-lib/plain.jar");
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(jar));
    }

    @Test
    void signatureFilesAreTheTopLevelMetaInfSignatures() {
        assertThat(StartupJars.isSignatureFile("META-INF/MSFTSIG.SF")).isTrue();
        assertThat(StartupJars.isSignatureFile("META-INF/MSFTSIG.RSA")).isTrue();
        assertThat(StartupJars.isSignatureFile("meta-inf/key.ec")).isTrue();
        assertThat(StartupJars.isSignatureFile("META-INF/SIG-FOO")).isTrue();
        assertThat(StartupJars.isSignatureFile("META-INF/MANIFEST.MF")).isFalse();
        assertThat(StartupJars.isSignatureFile("META-INF/services/x.RSA")).isFalse();
        assertThat(StartupJars.isSignatureFile("com/example/Key.RSA")).isFalse();
    }

    private static List<String> names(JarFile jar) {
        return Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
    }

    private static byte[] read(JarFile jar, JarEntry entry) throws Exception {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
