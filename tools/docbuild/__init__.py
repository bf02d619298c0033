"""Docs-site build helpers (mkdocs hooks): checked examples and generated pages.

They live outside the installed package: users never run them.
"""
