-- Cells of the current reports, with the agency's level and region and the printed labels.
CREATE OR REPLACE VIEW v_cells AS
SELECT c.report_id, c.agency, c.year, a.level, a.province, a.city, a.county,
       c.table_code, c.row_code, c.col_code, c.value, c.raw_text, c.page,
       rl.label AS row_label, cl.label AS col_label, rl.position AS row_position, cl.position AS col_position,
       rl.row_group
FROM cells c
JOIN v_reports r ON r.report_id = c.report_id AND r.is_current
LEFT JOIN agencies a ON a.agency = c.agency
LEFT JOIN labels rl ON rl.table_code = c.table_code AND rl.kind = 'row' AND rl.code = c.row_code
LEFT JOIN labels cl ON cl.table_code = c.table_code AND cl.kind = 'col' AND cl.code = c.col_code;
