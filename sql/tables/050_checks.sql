-- Accounting identities and parser doubts, one row per failure (FORMAT.md §6).
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS checks (
    report_id  VARCHAR NOT NULL,
    check_code VARCHAR NOT NULL,
    severity   VARCHAR NOT NULL,
    table_code VARCHAR,
    row_code   VARCHAR,
    col_code   VARCHAR,
    expected   DOUBLE,
    actual     DOUBLE,
    message    VARCHAR,
    origin     VARCHAR
);
