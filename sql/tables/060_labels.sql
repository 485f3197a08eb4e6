-- The printed Chinese label of every table, row and column code (written from transform/vocabulary.py
-- on every run), so SQL and views can speak the words of the report.
CREATE TABLE IF NOT EXISTS labels (
    table_code VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,  -- table, row, col
    code       VARCHAR NOT NULL,
    label      VARCHAR NOT NULL,
    position   INTEGER,           -- printed order within the table
    row_group  VARCHAR            -- requests outcome rows: denied, unable, not_processed, other (其他处理)
);
