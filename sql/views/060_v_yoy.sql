-- Change against the same agency's previous year, one row per agency-year and metric.
CREATE OR REPLACE VIEW v_yoy AS
WITH metrics AS (
    UNPIVOT (
        SELECT agency, year, level, province, city, new_received, carried_over, granted, partially_granted,
               denied, unable, not_processed, other, total_handled, carried_forward, review_total,
               review_corrected, litigation_total, litigation_corrected, regulations_issued,
               normative_issued, licensing_decisions, punishment_decisions, coercion_decisions, fees_amount,
               disclosure_rate, review_correction_rate
        FROM v_report_summary
    ) ON COLUMNS(* EXCLUDE (agency, year, level, province, city))
    INTO NAME metric VALUE value
)
SELECT cur.agency, cur.year, cur.level, cur.province, cur.city, cur.metric,
       cur.value, prev.value AS prev_value,
       cur.value - prev.value AS change,
       (cur.value - prev.value) / nullif(prev.value, 0) AS pct_change
FROM metrics cur
JOIN metrics prev ON prev.agency = cur.agency AND prev.year = cur.year - 1 AND prev.metric = cur.metric;
