-- Accounting identities and parser doubts, one row per failure (FORMAT.md §6).
CREATE TABLE IF NOT EXISTS checks (
    report_id  VARCHAR NOT NULL,
    check_code VARCHAR NOT NULL,  -- O1, S1, S2, S4, S5, missing_table, missing_row, unaligned_row, ...
    severity   VARCHAR NOT NULL,  -- error, warning
    table_code VARCHAR,
    row_code   VARCHAR,
    col_code   VARCHAR,
    expected   DOUBLE,
    actual     DOUBLE,
    message    VARCHAR,           -- the place in the words of the printed report
    origin     VARCHAR            -- report (the report does not add up), reading (ogi could not read it)
);
