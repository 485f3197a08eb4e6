-- Agency × year over the years loaded: present (a complete report), partial, or not_in_folder (no file
-- for it in the crawled folder: ogi cannot tell whether the agency published one). Files whose agency
-- could not be read (failed, not a report) are listed with agency NULL, by path and status.
CREATE OR REPLACE VIEW v_coverage AS
WITH years AS (
    SELECT CAST(unnest(range(min(year), max(year) + 1)) AS INTEGER) AS year FROM reports WHERE year IS NOT NULL
), known AS (
    SELECT DISTINCT agency FROM reports WHERE agency IS NOT NULL
), grid AS (
    SELECT k.agency, y.year FROM known k CROSS JOIN years y
), files AS (
    SELECT agency, year, count(*) AS files, bool_or(status = 'parsed') AS complete,
           list(path ORDER BY path) AS paths
    FROM v_reports GROUP BY agency, year
)
SELECT g.agency, g.year, a.level, a.province, a.city,
       CASE WHEN f.files IS NULL THEN 'not_in_folder' WHEN f.complete THEN 'present' ELSE 'partial' END AS status,
       coalesce(f.files, 0) AS files, f.paths
FROM grid g
LEFT JOIN files f ON f.agency = g.agency AND f.year = g.year
LEFT JOIN agencies a ON a.agency = g.agency
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, d.status, 1, [d.path]
FROM documents d JOIN document_statuses s ON s.status = d.status AND s.unread;
