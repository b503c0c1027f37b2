"""probe.importers"""
