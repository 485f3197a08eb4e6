-- Every file of the warehouse no number was read from, with its reason: those that could not be read or
-- hold no disclosure table (document_statuses.unread: failed, not_a_report, skipped), and those kept as a report
-- whose tables gave no number at all (a partial with 0 cells). What needs a person: the ingest summary
-- names them (grouped by reason when many) and the HTML report lists them under 未能读取.
CREATE OR REPLACE VIEW v_failures AS
SELECT d.root, d.path, d.status, s.label AS status_label,
       coalesce(d.error, 'no number read: none of the three tables was found') AS reason,
       d.format, d.size_bytes, d.ingested_at
FROM documents d
JOIN document_statuses s ON s.status = d.status
WHERE s.unread
   OR (s.holds_report AND NOT EXISTS (SELECT 1 FROM cells c WHERE c.report_id = d.doc_id));
