"""Stage 4, the documents: results → template context → Markdown, HTML and Word.

Templates see only `zieldsl.results` objects; this wing never reads data or the syntax tree.
"""
