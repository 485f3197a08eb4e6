-- Version 3: the warehouse's own bookkeeping (table `state`: are the checks across reports stale?),
-- created from sql/tables/100_state.sql after the migrations. Nothing to alter.
SELECT 1;
