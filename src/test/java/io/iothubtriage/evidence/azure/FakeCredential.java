package io.iothubtriage.evidence.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A credential that hands out a fixed token and remembers which scopes were asked for. */
public final class FakeCredential implements TokenCredential {
    public static final String TOKEN = "test-token-7c1e";

    private final List<List<String>> requestedScopes = new CopyOnWriteArrayList<>();

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        requestedScopes.add(List.copyOf(request.getScopes()));
        return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    }

    public List<List<String>> requestedScopes() {
        return requestedScopes;
    }
}
