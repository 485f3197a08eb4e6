-- X1 (warning): what an agency carried forward at the end of year t is what it carried over into t+1.
-- Compares current reports only (v_cells: a superseded copy is not the agency's word). Recomputed over
-- the whole warehouse after each run; the row goes to the later report.
DELETE FROM checks WHERE check_code = 'X1';

INSERT INTO checks (report_id, check_code, severity, table_code, row_code, col_code, expected, actual, message, origin)
SELECT
    nxt.report_id, k.check_code, k.severity, 'requests', 'carried_over', nxt.col_code, prev.value, nxt.value,
    '表三 ' || nxt.col_label || '列：' || prev.year || '年报告 四、结转下年度继续办理=' || CAST(prev.value AS BIGINT)
        || '，' || nxt.year || '年报告 二、上年结转=' || CAST(nxt.value AS BIGINT),
    k.origin
FROM v_cells AS prev
JOIN v_cells AS nxt
  ON nxt.agency = prev.agency AND nxt.year = prev.year + 1 AND nxt.col_code = prev.col_code
JOIN check_codes AS k ON k.check_code = 'X1'
WHERE prev.table_code = 'requests' AND prev.row_code = 'carried_forward'
  AND nxt.table_code = 'requests' AND nxt.row_code = 'carried_over'
  AND prev.value IS NOT NULL AND nxt.value IS NOT NULL AND prev.value <> nxt.value;
