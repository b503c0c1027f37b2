"""probe.tui"""
