"""Widgets of the probe explorer, one per module."""
