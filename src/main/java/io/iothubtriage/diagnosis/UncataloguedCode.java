package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;

import java.util.Locale;
import java.util.Optional;

import static io.iothubtriage.diagnosis.Wording.familyWords;

/**
 * A cause code the catalog does not know. Its family comes from its number alone (401xxx is authentication), so only
 * words that hold for the whole family may be said of it; its logged name (ResultDescription, else errorMessage) is
 * the one hint of what it means, and when that name points at something the family's specific advice is not about
 * (a certificate chain under a 401, whose specific advice is about tokens and keys), the advice follows the name.
 *
 * @param code the code's number and logged name
 * @param hint what the logged name points at
 */
record UncataloguedCode(CodeStats code, NameHint hint) {

    /** What a logged error name points at, from the words in it. */
    enum NameHint {
        /** A certificate, its chain, thumbprint or CA: X.509 trust, not a SAS token. */
        CERTIFICATE,
        /** Nothing this class recognises: only the family's words hold. */
        NONE
    }

    /** The code as uncatalogued, when the catalog does not know it. */
    static Optional<UncataloguedCode> of(CodeStats c) {
        if (ErrorCatalog.lookup(c.code()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new UncataloguedCode(c, hintOf(c.description())));
    }

    static NameHint hintOf(String loggedName) {
        String n = loggedName.toLowerCase(Locale.ROOT);
        return n.contains("certificate") || n.contains("x509") || n.contains("thumbprint") || n.contains("chain")
                ? NameHint.CERTIFICATE : NameHint.NONE;
    }

    /** "401099 IotHubCertificateChainUntrusted", or the code alone when nothing was logged for its name. */
    String label() {
        return code.description().isBlank() ? code.code() : code.code() + " " + code.description();
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
        return Optional.of(head + counted + switch (hint) {
            case CERTIFICATE -> code.family() == CauseFamily.AUTHENTICATION
                    ? ", and its logged name points at a certificate chain, so the next steps are about certificates,"
                    + " not tokens."
                    : ", and its logged name points at a certificate chain.";
            case NONE -> ", and the next steps hold for any error of that family.";
        });
    }
}
