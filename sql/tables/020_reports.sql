-- One row per parsed report (a document whose tables were found).
CREATE TABLE IF NOT EXISTS reports (
    report_id      VARCHAR NOT NULL,  -- = documents.doc_id
    agency         VARCHAR,           -- normalised key: no whitespace, no trailing 人民政府
    agency_raw     VARCHAR,           -- as printed (the most trusted place that prints a name)
    year           INTEGER,           -- the year reported on, not the publication date
    format_version VARCHAR,           -- v2021, v2019, hybrid
    title          VARCHAR,
    path           VARCHAR,           -- the file it was read from
    agency_source  VARCHAR,           -- where agency_raw was found: title, opening, source_line, … (+page/+register)
    year_source    VARCHAR            -- where the year was found: title, opening, period, …
);
