-- The schema version of this warehouse: one row per migration applied (sql/migrations/NNN_*.sql), or
-- one row `created` when the warehouse was made at that version. The version is max(version); a
-- warehouse written before this table existed is version 1.
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER NOT NULL,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP DEFAULT current_timestamp
);
