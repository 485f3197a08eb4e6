-- Each agency-year ranked among its peers: the same year and level, nationally and within its
-- province and city. rank 1 = the highest value; pct = percent_rank (0 = lowest, 1 = highest).
CREATE OR REPLACE VIEW v_agency_compare AS
WITH metrics AS (
    UNPIVOT (
        SELECT agency, year, level, province, city, new_received, total_handled, disclosure_rate,
               denial_rate, review_total, review_correction_rate, litigation_total
        FROM v_report_summary
    ) ON new_received, total_handled, disclosure_rate, denial_rate, review_total, review_correction_rate,
         litigation_total
    INTO NAME metric VALUE value
)
SELECT agency, year, level, province, city, metric, value,
       rank() OVER national      AS rank_national,
       count(*) OVER national_all AS peers_national,
       percent_rank() OVER national_asc AS pct_national,
       CASE WHEN province IS NOT NULL THEN rank() OVER in_province END         AS rank_in_province,
       CASE WHEN province IS NOT NULL THEN count(*) OVER in_province_all END   AS peers_in_province,
       CASE WHEN province IS NOT NULL THEN percent_rank() OVER in_province_asc END AS pct_in_province,
       CASE WHEN city IS NOT NULL THEN rank() OVER in_city END                 AS rank_in_city,
       CASE WHEN city IS NOT NULL THEN count(*) OVER in_city_all END           AS peers_in_city
FROM metrics
WINDOW national AS (PARTITION BY year, level, metric ORDER BY value DESC),
       national_all AS (PARTITION BY year, level, metric),
       in_province_all AS (PARTITION BY year, level, metric, province),
       in_city_all AS (PARTITION BY year, level, metric, province, city),
       national_asc AS (PARTITION BY year, level, metric ORDER BY value),
       in_province AS (PARTITION BY year, level, metric, province ORDER BY value DESC),
       in_province_asc AS (PARTITION BY year, level, metric, province ORDER BY value),
       in_city AS (PARTITION BY year, level, metric, province, city ORDER BY value DESC);
