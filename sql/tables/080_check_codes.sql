-- Every check code with its severity, meaning, origin and Chinese label (written from transform/vocabulary.py
-- CHECK_CODES on every run), so SQL can ask what a code means and views need no list of codes.
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS check_codes (
    check_code VARCHAR NOT NULL,
    severity   VARCHAR NOT NULL,
    meaning    VARCHAR NOT NULL,
    origin     VARCHAR,
    label      VARCHAR
);
