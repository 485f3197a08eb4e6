-- + The warehouse's own bookkeeping, one row per key. `cross_checks`: 'stale' from the first write that
-- may change the checks across reports (X1) until they are recomputed, then 'fresh' (load/warehouse.py).
-- `views`: the fingerprint of the views last created (sql/views and the schema version).
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS state (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
