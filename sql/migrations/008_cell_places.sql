-- Version 8: where each cell is printed (issue 24; extract/model.py `Place`). PDF text and OCR: x0, top,
-- x1, bottom, the box on `page` in PDF points, pdfplumber's names and top-left origin. DOCX and HTML
-- tables: grid_table, grid_row, grid_col (1-based, as the file's markup counts them). Text (TXT,
-- Markdown, HTML source): line (1-based) and char_start, char_end (0-based, end exclusive) within it.
-- Rows loaded before keep NULL until their file is parsed again (the parser version changed with this).
ALTER TABLE cells ADD COLUMN x0 DOUBLE;
ALTER TABLE cells ADD COLUMN top DOUBLE;
ALTER TABLE cells ADD COLUMN x1 DOUBLE;
ALTER TABLE cells ADD COLUMN bottom DOUBLE;
ALTER TABLE cells ADD COLUMN grid_table INTEGER;
ALTER TABLE cells ADD COLUMN grid_row INTEGER;
ALTER TABLE cells ADD COLUMN grid_col INTEGER;
ALTER TABLE cells ADD COLUMN line INTEGER;
ALTER TABLE cells ADD COLUMN char_start INTEGER;
ALTER TABLE cells ADD COLUMN char_end INTEGER;
