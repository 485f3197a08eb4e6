-- A count as an integer for the wide views (and so their exports): cells.value is DOUBLE for every cell
-- (FORMAT.md §8, money included), but a count is a whole number. A value that is not whole (S5 flags it
-- in `checks`) is NULL here rather than rounded; `cells` keeps it as printed. Money stays DOUBLE.
CREATE OR REPLACE MACRO count_value(x) AS CASE WHEN x = trunc(x) THEN CAST(x AS BIGINT) END;
