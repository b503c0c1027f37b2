"""Screens of the probe explorer, one per module."""
