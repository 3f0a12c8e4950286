package io.iothubtriage.evidence.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

/**
 * The test certificate (src/test/resources/tls/localhost.p12: a self-signed certificate for localhost and
 * 127.0.0.1, valid for 100 years, password "test-only") and a JDK HTTP client that trusts it and nothing else.
 */
public final class TestTls {
    public static final String PASSWORD = "test-only";

    private TestTls() {
    }

    public static String keystorePath() {
        try {
            return Path.of(TestTls.class.getResource("/tls/localhost.p12").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SSLContext trustingContext() {
        try (InputStream in = TestTls.class.getResourceAsStream("/tls/localhost.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test certificate", e);
        }
    }

    /** An azure-core HTTP client on the JDK transport that trusts the test certificate. */
    public static HttpClient httpClient() {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(trustingContext()))
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
    }
}
