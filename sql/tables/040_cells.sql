-- Every number of the three tables in long format, addressed table.row.col (FORMAT.md §3-§5).
CREATE TABLE IF NOT EXISTS cells (
    report_id  VARCHAR NOT NULL,
    agency     VARCHAR,
    year       INTEGER,
    table_code VARCHAR NOT NULL,  -- active, requests, review_litigation
    row_code   VARCHAR NOT NULL,
    col_code   VARCHAR NOT NULL,
    value      DOUBLE,            -- NULL when not reported (blank, /, -, —, 无)
    raw_text   VARCHAR,           -- the cell as printed
    page       INTEGER,           -- PDF page, when known
    row_label  VARCHAR,           -- the row label as printed
    confidence DOUBLE             -- OCR score (0-1) when the number was read from an image; NULL for text
);
