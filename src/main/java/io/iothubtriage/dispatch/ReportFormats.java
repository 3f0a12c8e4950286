package io.iothubtriage.dispatch;

import io.iothubtriage.diagnosis.TriageReport;

/** The report as the rerun endpoint returns it: the contract's JSON, or Markdown for people. */
public interface ReportFormats {
    String json(TriageReport report);

    String markdown(TriageReport report);
}
