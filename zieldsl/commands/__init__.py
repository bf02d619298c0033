"""One module per CLI command that needs heavy imports (loaded lazily by zieldsl.cli)."""
