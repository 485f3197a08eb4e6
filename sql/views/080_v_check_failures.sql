-- Failed checks with the agency, year, the file, the Chinese labels of table, row and column, and where
-- the check names one cell: its page and its text as printed.
CREATE OR REPLACE VIEW v_check_failures AS
SELECT r.agency, r.year, a.level, a.province, a.city, r.is_current, r.path,
       c.check_code, c.severity, c.table_code, c.row_code, c.col_code,
       tl.label AS table_label, rl.label AS row_label, cl.label AS col_label,
       c.expected, c.actual, c.message, c.report_id, x.page, x.raw_text, k.meaning
FROM checks c
JOIN v_reports r ON r.report_id = c.report_id
LEFT JOIN agencies a ON a.agency = r.agency
LEFT JOIN check_codes k ON k.check_code = c.check_code
LEFT JOIN cells x ON x.report_id = c.report_id AND x.table_code = c.table_code AND x.row_code = c.row_code
                 AND x.col_code = c.col_code
LEFT JOIN labels tl ON tl.table_code = c.table_code AND tl.kind = 'table'
LEFT JOIN labels rl ON rl.table_code = c.table_code AND rl.kind = 'row' AND rl.code = c.row_code
LEFT JOIN labels cl ON cl.table_code = c.table_code AND cl.kind = 'col' AND cl.code = c.col_code;
