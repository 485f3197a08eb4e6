-- Staging: every loaded report with its document, check counts, and whether it is the current one for
-- its agency-year. The one definition of "current report": every other view, and the cross-report check
-- X1, take only rows with is_current. Several files for one agency-year (re-published or duplicated reports) are kept;
-- one is current: a complete one (parsed before partial), then the one with fewest error checks, then
-- the most cells, then the most recently modified file, then the first path.
CREATE OR REPLACE VIEW v_reports AS
WITH check_counts AS (
    SELECT report_id,
           count(*) FILTER (WHERE severity = 'error')   AS error_checks,
           count(*) FILTER (WHERE severity = 'warning') AS warning_checks
    FROM checks GROUP BY report_id
), cell_counts AS (
    SELECT report_id, count(*) AS n_cells FROM cells GROUP BY report_id
), base AS (
    SELECT r.report_id, r.agency, r.agency_raw, r.year, r.format_version, r.title, r.path,
           d.status, d.format, d.mtime,
           coalesce(k.error_checks, 0) AS error_checks, coalesce(k.warning_checks, 0) AS warning_checks,
           coalesce(n.n_cells, 0) AS n_cells
    FROM reports r
    JOIN documents d ON d.doc_id = r.report_id
    JOIN document_statuses s ON s.status = d.status AND s.holds_report  -- the file the rows were read from
    LEFT JOIN check_counts k USING (report_id)
    LEFT JOIN cell_counts n USING (report_id)
), ranked AS (
    SELECT *,
           row_number() OVER (
               PARTITION BY agency, year
               ORDER BY status = 'parsed' DESC, error_checks, n_cells DESC, mtime DESC, path
           ) AS copy_rank,
           count(*) OVER (PARTITION BY agency, year) AS copies
    FROM base
)
SELECT * EXCLUDE (copy_rank),
       (agency IS NULL OR year IS NULL OR copy_rank = 1) AS is_current,
       CASE WHEN agency IS NULL OR year IS NULL OR copy_rank = 1 THEN NULL
            ELSE first(path) OVER (PARTITION BY agency, year ORDER BY copy_rank) END AS superseded_by
FROM ranked;
