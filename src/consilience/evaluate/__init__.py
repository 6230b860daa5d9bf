"""Benchmarks of pipeline parts against public gold data (reproducible commands, JSON results)."""
