package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.iothubtriage.diagnosis.Wording.familyWords;

/**
 * A cause code the catalog does not know. Its family comes from its number alone (401xxx is authentication), so only
 * words that hold for the whole family may be said of it; its logged name (ResultDescription, else errorMessage) is
 * the one hint of what it means (the aggregator keeps errorMessage when no ResultDescription was logged), and when
 * that name points at something the family's specific advice is not about (certificates under a 401, whose specific
 * advice is about tokens and keys), the advice follows the name.
 *
 * @param code the code's number and logged name
 * @param hint what the logged name points at
 */
record UncataloguedCode(CodeStats code, NameHint hint) {

    /** What a logged error name points at, from the words in it. */
    enum NameHint {
        /** A certificate chain: a certificate word and "chain" both in the name. */
        CERTIFICATE_CHAIN,
        /** A certificate, X.509, thumbprint or CA: X.509 trust, not a SAS token. */
        CERTIFICATE,
        /** Nothing this class recognises: only the family's words hold. */
        NONE;

        boolean certificates() {
            return this != NONE;
        }
    }

    /** The code as uncatalogued, when the catalog does not know it. */
    static Optional<UncataloguedCode> of(CodeStats c) {
        if (ErrorCatalog.lookup(c.code()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new UncataloguedCode(c, hintOf(c.description())));
    }

    /**
     * What the name's words point at. The name is split into words (CamelCase, digits after letters stay with them,
     * any punctuation separates), and only whole words count: "IotHubUnauthorizedChainedTokenRejected" is about a
     * token, not a certificate chain, and "X.509ClientAuthFailed" is about X.509.
     */
    static NameHint hintOf(String loggedName) {
        boolean certificate = false;
        boolean chain = false;
        for (String w : words(loggedName)) {
            switch (w) {
                case "certificate", "certificates", "cert", "certs", "x509", "thumbprint", "thumbprints", "ca", "cas"
                        -> certificate = true;
                case "chain" -> chain = true;
                default -> { }
            }
        }
        if (!certificate) {
            return NameHint.NONE;
        }
        return chain ? NameHint.CERTIFICATE_CHAIN : NameHint.CERTIFICATE;
    }

    /**
     * The lower-case words of a logged name: "X.509ClientAuthFailed" gives x509, client, auth, failed;
     * "CACertificateExpired" gives ca, certificate, expired; "cert-chain_invalid" gives cert, chain, invalid.
     */
    static List<String> words(String name) {
        // "X.509" is one word however it is written: join it before the dot splits it
        String n = name.replace("X.509", "X509").replace("x.509", "x509");
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(w, out);
                continue;
            }
            if (Character.isUpperCase(c) && w.length() > 0) {
                char prev = n.charAt(i - 1);
                boolean nextLower = i + 1 < n.length() && Character.isLowerCase(n.charAt(i + 1));
                // a word starts at an upper-case letter after a lower-case letter or a digit ("ChainUntrusted",
                // "509Client"), and at the last capital of an acronym followed by lower case ("CACertificate")
                if (Character.isLowerCase(prev) || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && nextLower)) {
                    flush(w, out);
                }
            }
            w.append(Character.toLowerCase(c));
        }
        flush(w, out);
        return out;
    }

    private static void flush(StringBuilder w, List<String> out) {
        if (w.length() > 0) {
            out.add(w.toString());
            w.setLength(0);
        }
    }

    /** "a certificate chain" or "certificates": what the logged name is said to point at. */
    String pointsAt() {
        return hint == NameHint.CERTIFICATE_CHAIN ? "a certificate chain" : "certificates";
    }

    /** "401099 IotHubCertificateChainUntrusted", or the code alone when nothing was logged for its name. */
    String label() {
        String name = code.description().strip();
        if (name.isEmpty()) {
            return code.code();
        }
        // an errorMessage standing in for the name is a sentence: quoted, it does not read as part of ours
        return name.indexOf(' ') >= 0 ? code.code() + " (\"" + name + "\")" : code.code() + " " + name;
    }

    /** "401xxx": the class of codes its family is taken from. */
    String codeClass() {
        return code.code().length() == 6 ? code.code().substring(0, 3) + "xxx" : code.code();
    }

    /**
     * "401099 IotHubCertificateChainUntrusted is not in the error catalog: it counts with the authentication errors
     * for its number (401xxx), and its logged name points at a certificate chain, so the next steps are about
     * certificates, not tokens."
     */
    Optional<String> finding() {
        if (code.family() == CauseFamily.OTHER) {
            // no family speaks for it: the confidence sentence already says the catalog does not know it
            return Optional.empty();
        }
        String head = label() + " is not in the error catalog: ";
        String counted = "it counts with the " + familyWords(code.family()) + " errors for its number (" + codeClass()
                + ")";
        if (!hint.certificates()) {
            // the family's steps are its usual causes, not causes known of this code
            return Optional.of(head + counted + ", so the next steps are that family's usual causes to check, not causes "
                    + "known for this code.");
        }
        String name = ", and its logged name points at " + pointsAt();
        // only the authentication family's steps are about something else (tokens and keys) that the name rules out
        return Optional.of(head + counted + name + (code.family() == CauseFamily.AUTHENTICATION
                ? ", so the next steps are about certificates, not tokens." : "."));
    }
}
