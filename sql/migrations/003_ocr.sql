-- Version 3: what a machine read (issue 14). documents.extraction: text, ocr or mixed; cells.confidence:
-- the OCR score of a number read from an image (NULL for text).
ALTER TABLE documents ADD COLUMN extraction VARCHAR;
ALTER TABLE cells ADD COLUMN confidence DOUBLE;
