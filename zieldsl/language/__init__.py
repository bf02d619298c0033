"""Stage 1, the language: text → syntax tree → checked agreement.

Grammar access and parser, syntax errors, the syntax tree, the indicator catalogue,
the static checker, the formatter (`zieldsl fmt`) and the Pygments highlighter.
Imports only the shared modules at the top of the package.
"""
