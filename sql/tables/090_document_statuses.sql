-- Every documents.status with what it means (written from transform/vocabulary.py DOC_STATUSES on every
-- run). Views find the documents that own a report here instead of spelling a list of statuses.
CREATE TABLE IF NOT EXISTS document_statuses (
    status       VARCHAR NOT NULL,
    holds_report BOOLEAN NOT NULL,  -- the file a report's rows were read from (parsed, partial)
    unread       BOOLEAN NOT NULL,  -- no report could be read from the file (failed, not_a_report)
    meaning      VARCHAR NOT NULL,
    label        VARCHAR            -- the status in Chinese
);
