"""probe.store"""
