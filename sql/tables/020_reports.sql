-- One row per parsed report (a document whose tables were found).
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS reports (
    report_id      VARCHAR NOT NULL,
    agency         VARCHAR,
    agency_raw     VARCHAR,
    year           INTEGER,
    format_version VARCHAR,
    title          VARCHAR,
    path           VARCHAR,
    agency_source  VARCHAR,
    year_source    VARCHAR
);
