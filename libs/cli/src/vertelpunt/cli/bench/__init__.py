"""`vertelpunt bench`: benchmarks on this machine, written to docs/benchmarks.md (never timing thresholds in tests)."""
