"""Output formats shared by the CLI and the explorer: safe text, tables, TSV, JSON."""
