-- Version 6: where a report's agency and year were found (issue 21). reports.agency_source and
-- reports.year_source hold a key of transform/vocabulary.py IDENTITY_SOURCES (title, opening, period,
-- source_line, breadcrumb, body, signature, file_name, folder; a qualified short name adds +page or
-- +register). Rows loaded before keep NULL until their file is parsed again.
ALTER TABLE reports ADD COLUMN agency_source VARCHAR;
ALTER TABLE reports ADD COLUMN year_source VARCHAR;
