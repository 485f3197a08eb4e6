-- The schema version of this warehouse: one row per migration applied (sql/migrations/NNN_*.sql), or
-- one row `created` when the warehouse was made at that version. The version is max(version); a
-- warehouse written before this table existed is version 1.
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER NOT NULL,
    name       VARCHAR NOT NULL,  -- the migration file, or `created`
    applied_at TIMESTAMP DEFAULT current_timestamp
);
