package io.iothubtriage.dispatch;

import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.notify.HtmlReport;

/** The report as the rerun endpoint returns it: the contract's JSON, or Markdown or the HTML page for people. */
public interface ReportFormats {
    String json(TriageReport report);

    String markdown(TriageReport report);

    /** The self-contained HTML timeline report. */
    default String html(TriageReport report) {
        return new HtmlReport().render(report);
    }
}
