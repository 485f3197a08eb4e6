-- One row per crawled file: what it is, and what became of it. Key: (root, path).
CREATE TABLE IF NOT EXISTS documents (
    doc_id         VARCHAR,           -- sha256 of the file bytes (NULL when the file could not be read)
    path           VARCHAR NOT NULL,  -- relative to the crawled root
    format         VARCHAR,           -- pdf, docx, html, txt, ...
    size_bytes     BIGINT,
    mtime          DOUBLE,            -- file modification time (seconds since the epoch)
    encoding       VARCHAR,           -- text formats: the detected character encoding
    status         VARCHAR NOT NULL,  -- parsed, partial, failed, duplicate, not_a_report, skipped, removed
    error          VARCHAR,           -- why, when not parsed
    parser_version VARCHAR,
    ingested_at    TIMESTAMP DEFAULT current_timestamp,
    root           VARCHAR,           -- the crawled folder (absolute)
    extraction     VARCHAR            -- text, ocr (every page/table read from images), mixed; NULL when not parsed
);
