-- One row per crawled file: what it is, and what became of it.
CREATE TABLE IF NOT EXISTS documents (
    doc_id         VARCHAR NOT NULL,  -- sha256 of the file bytes
    path           VARCHAR NOT NULL,  -- relative to the crawled root; unique
    format         VARCHAR,           -- pdf, docx, html, txt, ...
    size_bytes     BIGINT,
    mtime          DOUBLE,            -- file modification time (seconds since the epoch)
    encoding       VARCHAR,           -- text formats: the detected character encoding
    status         VARCHAR NOT NULL,  -- parsed, partial, failed, duplicate, not_a_report
    error          VARCHAR,           -- why, when not parsed
    parser_version VARCHAR,
    ingested_at    TIMESTAMP DEFAULT current_timestamp
);
