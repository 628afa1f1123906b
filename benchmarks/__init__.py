"""Benchmarks: measurements printed as tables, run by `make bench` (never part of `make test`)."""
