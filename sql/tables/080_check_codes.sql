-- Every check code with its severity and meaning (written from transform/vocabulary.py CHECK_CODES on
-- every run), so SQL can ask what a code means and views need no list of codes.
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS check_codes (
    check_code VARCHAR NOT NULL,
    severity   VARCHAR NOT NULL,
    meaning    VARCHAR NOT NULL
);
