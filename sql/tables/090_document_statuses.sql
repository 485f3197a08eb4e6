-- Every documents.status with what it means (written from transform/vocabulary.py DOC_STATUSES on every
-- run). Views find the documents that own a report here instead of spelling a list of statuses.
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS document_statuses (
    status       VARCHAR NOT NULL,
    holds_report BOOLEAN NOT NULL,
    unread       BOOLEAN NOT NULL,
    meaning      VARCHAR NOT NULL,
    label        VARCHAR
);
