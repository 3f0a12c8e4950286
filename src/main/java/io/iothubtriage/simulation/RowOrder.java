package io.iothubtriage.simulation;

/** The order in which a scenario hands out its rows: like a time-ordered query, or like a newest-first export. */
public enum RowOrder {
    OLDEST_FIRST,
    NEWEST_FIRST
}
