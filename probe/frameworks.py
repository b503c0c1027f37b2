"""How the 2021 and 2024 inspection frameworks line up, for tables that show both side by side.

The single place for that alignment: the ratings matrix of `probe serve` uses it (as the SQL
function probe_column), and so should any other view that compares reports across frameworks.
"""

from __future__ import annotations

# A 2021 standard's name -> the 2024 standard it sits beside: the same standard, renamed.
RENAMED_STANDARDS = {"Staff": "Staffing"}


def aligned_standard(name: str) -> str:
    """The column a standard's rating belongs in when reports of both frameworks share a table."""
    return RENAMED_STANDARDS.get(name, name)
