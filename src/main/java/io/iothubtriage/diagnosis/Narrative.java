package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.ConfidenceRules.Assessment;

import java.util.List;

/**
 * The words of a report: a one-sentence headline (what broke, how widely, when, whether the hub is healthy), the
 * findings that support it, and next steps that name the site, protocol, SDK, device, code and blade to open.
 * Every sentence is built from the evidence's numbers; nothing here decides the verdict.
 */
final class Narrative {
    static final int MAX_FINDINGS = 16;
    static final int MAX_ACTIONS = 6;

    private final Headline headline;
    private final Findings findings;
    private final Actions actions;

    Narrative(Analysis a, Assessment confidence) {
        this.headline = new Headline(a);
        this.findings = new Findings(a, confidence);
        this.actions = new Actions(a);
    }

    String headline() {
        return headline.text();
    }

    List<String> findings() {
        return findings.list();
    }

    List<String> actions() {
        return actions.list();
    }
}
