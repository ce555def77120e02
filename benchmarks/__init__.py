"""Benchmarks and their synthetic data generators (see README, "Speed")."""
