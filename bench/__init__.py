"""Benchmarks; `python -m bench` measures the whole pipeline and its baselines in one run."""
