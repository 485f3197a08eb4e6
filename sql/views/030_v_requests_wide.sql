-- One row per (current) report and requests row, the seven applicant columns as columns (BIGINT counts).
CREATE OR REPLACE VIEW v_requests_wide AS
SELECT report_id, agency, year, level, province, city, row_code, row_label, row_position,
       count_value(max(value) FILTER (WHERE col_code = 'natural_person')) AS natural_person,
       count_value(max(value) FILTER (WHERE col_code = 'commercial'))     AS commercial,
       count_value(max(value) FILTER (WHERE col_code = 'research'))       AS research,
       count_value(max(value) FILTER (WHERE col_code = 'social_welfare')) AS social_welfare,
       count_value(max(value) FILTER (WHERE col_code = 'legal_service'))  AS legal_service,
       count_value(max(value) FILTER (WHERE col_code = 'other_org'))      AS other_org,
       count_value(max(value) FILTER (WHERE col_code = 'total'))          AS total
FROM v_cells
WHERE table_code = 'requests'
GROUP BY ALL;
