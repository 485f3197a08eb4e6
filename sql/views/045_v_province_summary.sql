-- One row per year and province: the current reports of its agencies added up (counts BIGINT: DuckDB
-- would sum BIGINT into HUGEINT), and the rates of the sums (not averages of rates). A rate is NULL
-- where its denominator is 0 or not reported, so it never becomes NaN (which sorts above every number). Agencies whose province is unknown: province NULL.
CREATE OR REPLACE VIEW v_province_summary AS
WITH sums AS (
    SELECT year, province, count(*) AS reports,
           CAST(sum(new_received) AS BIGINT) AS new_received,
           CAST(sum(carried_over) AS BIGINT) AS carried_over,
           CAST(sum(granted) AS BIGINT) AS granted,
           CAST(sum(partially_granted) AS BIGINT) AS partially_granted,
           CAST(sum(denied) AS BIGINT) AS denied,
           CAST(sum(unable) AS BIGINT) AS unable,
           CAST(sum(not_processed) AS BIGINT) AS not_processed,
           CAST(sum(other) AS BIGINT) AS other,
           CAST(sum(total_handled) AS BIGINT) AS total_handled,
           CAST(sum(carried_forward) AS BIGINT) AS carried_forward,
           CAST(sum(review_total) AS BIGINT) AS review_total,
           CAST(sum(review_corrected) AS BIGINT) AS review_corrected,
           CAST(sum(litigation_total) AS BIGINT) AS litigation_total,
           CAST(sum(litigation_corrected) AS BIGINT) AS litigation_corrected
    FROM v_report_summary GROUP BY year, province
)
SELECT *,
       (granted + partially_granted) / nullif(total_handled, 0) AS disclosure_rate,
       denied / nullif(total_handled, 0)                         AS denial_rate,
       review_corrected / nullif(review_total, 0)                AS review_correction_rate,
       litigation_corrected / nullif(litigation_total, 0)        AS litigation_correction_rate
FROM sums;
