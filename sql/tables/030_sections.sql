-- The six section texts (FORMAT.md §2).
CREATE TABLE IF NOT EXISTS sections (
    report_id    VARCHAR NOT NULL,
    section_no   INTEGER NOT NULL,   -- 1..6
    section_code VARCHAR NOT NULL,   -- overview, active, requests, review_litigation, problems, other_matters
    heading      VARCHAR,            -- as printed
    text         VARCHAR
);
