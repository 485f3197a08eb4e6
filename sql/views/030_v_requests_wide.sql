-- One row per (current) report and requests row, the seven applicant columns as columns.
CREATE OR REPLACE VIEW v_requests_wide AS
SELECT report_id, agency, year, level, province, city, row_code, row_label, row_position,
       max(value) FILTER (WHERE col_code = 'natural_person') AS natural_person,
       max(value) FILTER (WHERE col_code = 'commercial')     AS commercial,
       max(value) FILTER (WHERE col_code = 'research')       AS research,
       max(value) FILTER (WHERE col_code = 'social_welfare') AS social_welfare,
       max(value) FILTER (WHERE col_code = 'legal_service')  AS legal_service,
       max(value) FILTER (WHERE col_code = 'other_org')      AS other_org,
       max(value) FILTER (WHERE col_code = 'total')          AS total
FROM v_cells
WHERE table_code = 'requests'
GROUP BY ALL;
