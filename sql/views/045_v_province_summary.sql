-- One row per year and province: the current reports of its agencies added up, and the rates of the
-- sums (not averages of rates). A rate is NULL where its denominator is 0 or not reported, so it never
-- becomes NaN (which sorts above every number). Agencies whose province is unknown: province NULL.
CREATE OR REPLACE VIEW v_province_summary AS
WITH sums AS (
    SELECT year, province, count(*) AS reports,
           sum(new_received) AS new_received, sum(carried_over) AS carried_over, sum(granted) AS granted,
           sum(partially_granted) AS partially_granted, sum(denied) AS denied, sum(unable) AS unable,
           sum(not_processed) AS not_processed, sum(other) AS other, sum(total_handled) AS total_handled,
           sum(carried_forward) AS carried_forward, sum(review_total) AS review_total,
           sum(review_corrected) AS review_corrected, sum(litigation_total) AS litigation_total,
           sum(litigation_corrected) AS litigation_corrected
    FROM v_report_summary GROUP BY year, province
)
SELECT *,
       (granted + partially_granted) / nullif(total_handled, 0) AS disclosure_rate,
       denied / nullif(total_handled, 0)                         AS denial_rate,
       review_corrected / nullif(review_total, 0)                AS review_correction_rate,
       litigation_corrected / nullif(litigation_total, 0)        AS litigation_correction_rate
FROM sums;
