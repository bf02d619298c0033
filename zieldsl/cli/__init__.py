"""Stage 5, the command line: English verbs, German messages, exit codes 0 / 1 / 2.

Every command goes through `zieldsl.api`; heavy wings are imported lazily per command.
"""
