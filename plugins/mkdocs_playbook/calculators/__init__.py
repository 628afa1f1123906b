"""Capacity calculators: YAML fences compiled at build time, evaluated live in the browser.

Pure modules (no MkDocs import): ``expr`` parses formulas into a JSON expression tree and
evaluates it, ``units`` parses and formats numbers, ``spec`` validates a calculator's YAML,
``builtin`` holds the built-in calculators, ``render`` writes the HTML and ``fences`` finds the
fences in a page. ``config`` holds its options and ``feature`` its MkDocs events.
"""
