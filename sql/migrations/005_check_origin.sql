-- Version 5: two kinds of findings (issue 27). check_codes.origin: `report` (the report does not add up)
-- or `reading` (ogi could not read or place something), with a Chinese label for every check code and
-- document status; checks.origin: the origin of each stored check. The code tables are rewritten from
-- transform/vocabulary.py right after, and the origin of the checks already stored is filled from them
-- then (load/schema.py write_codes), so old rows are kept and classified.
-- check_codes and document_statuses are new in version 2: a version-1 warehouse gets them from sql/tables
-- after the migrations, already with these columns (hence IF EXISTS).
ALTER TABLE checks ADD COLUMN origin VARCHAR;
ALTER TABLE IF EXISTS check_codes ADD COLUMN origin VARCHAR;
ALTER TABLE IF EXISTS check_codes ADD COLUMN label VARCHAR;
ALTER TABLE IF EXISTS document_statuses ADD COLUMN label VARCHAR;
