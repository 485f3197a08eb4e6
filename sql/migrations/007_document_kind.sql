-- Version 7: what a document says it is (issue 26). documents.kind: report, or the kind of non-report
-- (interpretation, notice, index_page, cover_letter, unrecognised); documents.kind_evidence: the signs it
-- was told by. Rows of older versions keep NULL until their file is parsed again (the parser version
-- changed with this, so the next ingest re-parses them). New in this version and created from sql/tables
-- after the migrations: document_kinds.
ALTER TABLE documents ADD COLUMN kind VARCHAR;
ALTER TABLE documents ADD COLUMN kind_evidence VARCHAR;
