-- Every number of the three tables in long format, addressed table.row.col (FORMAT.md §3-§5).
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS cells (
    report_id  VARCHAR NOT NULL,
    agency     VARCHAR,
    year       INTEGER,
    table_code VARCHAR NOT NULL,
    row_code   VARCHAR NOT NULL,
    col_code   VARCHAR NOT NULL,
    value      DOUBLE,
    raw_text   VARCHAR,
    page       INTEGER,
    row_label  VARCHAR,
    confidence DOUBLE,
    -- where the value is printed (extract/model.py Place; migration 008)
    x0         DOUBLE,
    top        DOUBLE,
    x1         DOUBLE,
    bottom     DOUBLE,
    grid_table INTEGER,
    grid_row   INTEGER,
    grid_col   INTEGER,
    line       INTEGER,
    char_start INTEGER,
    char_end   INTEGER
);
