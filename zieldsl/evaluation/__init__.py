"""The evaluator's parts: data per vintage and figures, conditions, targets, framework.

`zieldsl.evaluation.engine` is the public entry point; these modules each do one step of it.
"""
