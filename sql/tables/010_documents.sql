-- One row per crawled file: what it is, and what became of it. Key: (root, path).
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS documents (
    doc_id         VARCHAR,
    path           VARCHAR NOT NULL,
    format         VARCHAR,
    size_bytes     BIGINT,
    mtime          DOUBLE,
    encoding       VARCHAR,
    status         VARCHAR NOT NULL,
    error          VARCHAR,
    parser_version VARCHAR,
    ingested_at    TIMESTAMP DEFAULT current_timestamp,
    root           VARCHAR,
    extraction     VARCHAR,
    kind           VARCHAR,
    kind_evidence  VARCHAR
);
