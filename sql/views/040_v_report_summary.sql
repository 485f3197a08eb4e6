-- One row per agency-year (its current report): headline figures (counts BIGINT, fees_amount in 万元
-- DOUBLE as stored) and rates (DOUBLE). A rate is NULL where its
-- denominator is 0 or not reported. Requests figures are the 总计 column; v2019 reports have
-- other = （六）其他处理 as printed.
CREATE OR REPLACE VIEW v_report_summary AS
WITH req AS (
    SELECT report_id,
        count_value(max(value) FILTER (WHERE row_code = 'new_received'))      AS new_received,
        count_value(max(value) FILTER (WHERE row_code = 'carried_over'))      AS carried_over,
        count_value(max(value) FILTER (WHERE row_code = 'granted'))           AS granted,
        count_value(max(value) FILTER (WHERE row_code = 'partially_granted')) AS partially_granted,
        count_value(sum(value) FILTER (WHERE row_group = 'denied'))        AS denied,
        count_value(sum(value) FILTER (WHERE row_group = 'unable'))        AS unable,
        count_value(sum(value) FILTER (WHERE row_group = 'not_processed')) AS not_processed,
        count_value(sum(value) FILTER (WHERE row_group = 'other'))         AS other,
        count_value(max(value) FILTER (WHERE row_code = 'total_handled'))     AS total_handled,
        count_value(max(value) FILTER (WHERE row_code = 'carried_forward'))   AS carried_forward
    FROM v_cells WHERE table_code = 'requests' AND col_code = 'total' GROUP BY report_id
), rl AS (
    SELECT report_id,
        count_value(max(value) FILTER (WHERE row_code = 'review' AND col_code = 'total'))     AS review_total,
        count_value(max(value) FILTER (WHERE row_code = 'review' AND col_code = 'corrected')) AS review_corrected,
        count_value(sum(value) FILTER (WHERE row_group = 'litigation' AND col_code = 'total'))     AS litigation_total,
        count_value(sum(value) FILTER (WHERE row_group = 'litigation' AND col_code = 'corrected')) AS litigation_corrected
    FROM v_cells WHERE table_code = 'review_litigation' GROUP BY report_id
), act AS (
    SELECT report_id,
        count_value(max(value) FILTER (WHERE row_code = 'regulations' AND col_code IN ('issued', 'made')))         AS regulations_issued,
        count_value(max(value) FILTER (WHERE row_code = 'regulations' AND col_code = 'in_force'))                 AS regulations_in_force,
        count_value(max(value) FILTER (WHERE row_code = 'normative_documents' AND col_code IN ('issued', 'made'))) AS normative_issued,
        count_value(max(value) FILTER (WHERE row_code = 'normative_documents' AND col_code = 'in_force'))         AS normative_in_force,
        count_value(max(value) FILTER (WHERE row_code = 'licensing' AND col_code = 'decisions'))  AS licensing_decisions,
        count_value(max(value) FILTER (WHERE row_code = 'punishment' AND col_code = 'decisions')) AS punishment_decisions,
        count_value(max(value) FILTER (WHERE row_code = 'coercion' AND col_code = 'decisions'))   AS coercion_decisions,
        max(value) FILTER (WHERE row_code = 'fees' AND col_code = 'amount')          AS fees_amount
    FROM v_cells WHERE table_code = 'active' GROUP BY report_id
)
SELECT r.agency, r.year, a.level, a.province, a.city, a.county, a.adcode,
       r.report_id, r.agency_raw, r.format_version, r.status, r.path, r.error_checks, r.warning_checks,
       req.* EXCLUDE (report_id), rl.* EXCLUDE (report_id), act.* EXCLUDE (report_id),
       (req.granted + req.partially_granted) / nullif(req.total_handled, 0) AS disclosure_rate,
       req.denied / nullif(req.total_handled, 0)                             AS denial_rate,
       rl.review_corrected / nullif(rl.review_total, 0)                      AS review_correction_rate,
       rl.litigation_corrected / nullif(rl.litigation_total, 0)              AS litigation_correction_rate
FROM v_reports r
LEFT JOIN agencies a ON a.agency = r.agency
LEFT JOIN req ON req.report_id = r.report_id
LEFT JOIN rl ON rl.report_id = r.report_id
LEFT JOIN act ON act.report_id = r.report_id
WHERE r.is_current;
