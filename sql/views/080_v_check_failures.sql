-- Failed checks with the agency, year, the file, the Chinese labels of table, row and column, the code's
-- meaning, its origin (`report`: the report does not add up; `reading`: ogi could not read or place
-- something) and Chinese label, and where the check names one cell: its text as printed and its page (for a check on a whole
-- row or column: the first page it is printed on).
CREATE OR REPLACE VIEW v_check_failures AS
SELECT r.agency, r.year, a.level, a.province, a.city, r.is_current, r.path,
       c.check_code, c.severity, c.table_code, c.row_code, c.col_code,
       tl.label AS table_label, rl.label AS row_label, cl.label AS col_label,
       c.expected, c.actual, c.message, c.report_id,
       coalesce(x.page, (
           SELECT min(y.page) FROM cells y
           WHERE y.report_id = c.report_id AND y.table_code = c.table_code
             AND (c.row_code IS NULL OR y.row_code = c.row_code) AND (c.col_code IS NULL OR y.col_code = c.col_code)
       )) AS page,
       x.raw_text, k.meaning, c.origin, k.label AS check_label
FROM checks c
JOIN v_reports r ON r.report_id = c.report_id
LEFT JOIN agencies a ON a.agency = r.agency
LEFT JOIN check_codes k ON k.check_code = c.check_code
LEFT JOIN cells x ON x.report_id = c.report_id AND x.table_code = c.table_code AND x.row_code = c.row_code
                 AND x.col_code = c.col_code
LEFT JOIN labels tl ON tl.table_code = c.table_code AND tl.kind = 'table'
LEFT JOIN labels rl ON rl.table_code = c.table_code AND rl.kind = 'row' AND rl.code = c.row_code
LEFT JOIN labels cl ON cl.table_code = c.table_code AND cl.kind = 'col' AND cl.code = c.col_code;
