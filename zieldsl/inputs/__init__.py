"""Stage 2, the inputs: indicator data and milestone evidence, read and validated.

Everything here turns files into values with positions; nothing judges.
Imports the language wing (for the catalogue) and the shared modules.
"""
