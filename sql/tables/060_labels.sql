-- The printed Chinese label of every table, row and column code (written from transform/vocabulary.py
-- on every run), so SQL and views can speak the words of the report.
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS labels (
    table_code VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    code       VARCHAR NOT NULL,
    label      VARCHAR NOT NULL,
    position   INTEGER,
    row_group  VARCHAR
);
