-- Every documents.kind with what it means (written from transform/vocabulary.py DOC_KINDS on every run).
CREATE TABLE IF NOT EXISTS document_kinds (
    kind      VARCHAR NOT NULL,  -- report, interpretation, notice, index_page, cover_letter, unrecognised
    is_report BOOLEAN NOT NULL,  -- the document is a report (stored parsed or partial); else not_a_report
    meaning   VARCHAR NOT NULL
);
