-- Version 2: outcome rows of table `requests` carry their group (不予公开, 无法提供, 不予处理, 其他处理).
-- New in this version and created from sql/tables after the migrations: schema_version, check_codes,
-- document_statuses.
ALTER TABLE labels ADD COLUMN row_group VARCHAR;
