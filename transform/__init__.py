"""Intermediate model → report metadata, sections, long-format cells and checks (format-agnostic)."""

# Bump when parsing changes what it produces, so stored documents can be re-parsed.
PARSER_VERSION = "7"
