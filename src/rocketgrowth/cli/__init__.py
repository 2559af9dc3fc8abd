"""The command line: `rocketgrowth …` (Typer + Rich)."""
