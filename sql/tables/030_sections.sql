-- The six section texts (FORMAT.md §2).
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS sections (
    report_id    VARCHAR NOT NULL,
    section_no   INTEGER NOT NULL,
    section_code VARCHAR NOT NULL,
    heading      VARCHAR,
    text         VARCHAR
);
