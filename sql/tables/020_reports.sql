-- One row per parsed report (a document whose tables were found).
CREATE TABLE IF NOT EXISTS reports (
    report_id      VARCHAR NOT NULL,  -- = documents.doc_id
    agency         VARCHAR,           -- normalised key: no whitespace, no trailing 人民政府
    agency_raw     VARCHAR,           -- as printed in the title
    year           INTEGER,           -- the year reported on, not the publication date
    format_version VARCHAR,           -- v2021, v2019, hybrid, pre2019
    title          VARCHAR,
    path           VARCHAR            -- the file it was read from
);
