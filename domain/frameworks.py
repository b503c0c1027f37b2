"""How the 2021 and 2024 inspection frameworks line up, for views that compare reports of both.

The single place for that alignment: the ratings matrix (explorer, `probe serve`), a PDU's history
and any other view across frameworks use it. Standards are aligned by meaning, not by code: the
codes moved when the 2024 framework dropped standards (2021's 2.2 Assessment is 2024's 2.1).

| 2021-23 standard                 | 2024-25 standard             |
|----------------------------------|------------------------------|
| 1.1 Leadership                   | 1.1 Leadership               |
| 1.2 Staff                        | 1.2 Staffing                 |
| 1.3 Services                     | 1.3 Services                 |
| 1.4 Information and facilities   | (none)                       |
| 2.1 Court work                   | (none)                       |
| 2.2 Assessment                   | 2.1 Assessment               |
| 2.3 Planning                     | 2.2 Planning                 |
| 2.4 Implementation and delivery  | 2.3 Implementation and delivery |
| 2.5 Reviewing                    | 2.4 Reviewing                |
| 2.6 Outcomes (not rated)         | (none)                       |
"""

from __future__ import annotations

# A 2021 standard's name -> the 2024 standard it sits beside: the same standard, renamed.
RENAMED_STANDARDS = {"Staff": "Staffing"}

# Standards of the 2021 framework that the 2024 framework has no counterpart for.
ONLY_IN_2021 = frozenset({"Information and facilities", "Court work", "Outcomes"})


def aligned_standard(name: str) -> str:
    """The column a standard's rating belongs in when reports of both frameworks share a table."""
    return RENAMED_STANDARDS.get(name, name)
