-- Every documents.kind with what it means (written from transform/vocabulary.py DOC_KINDS on every run).
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS document_kinds (
    kind      VARCHAR NOT NULL,
    is_report BOOLEAN NOT NULL,
    meaning   VARCHAR NOT NULL
);
