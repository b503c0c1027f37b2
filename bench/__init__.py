"""Benchmarks for probe at scale: `python -m bench` (see bench/run.py)."""
