"""Per-module counts of a mutmut run, as a Markdown table (docs/mutation.md).

    python tools/mutation_table.py [STAGE]     # STAGE: $MUTATION_STAGE, default /tmp/probe-mutation

Reads mutmut's result files (mutants/**/*.py.meta); modules with no tested mutant are left out.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

# mutmut's exit codes (mutmut.stats.status_by_exit_code): 1 and 3 kill a mutant, 0 lets it live.
KILLED, SURVIVED, NO_TESTS, TIMEOUT = {1, 3}, {0}, {5, 33}, {24, -24, 36, 152, 255}


def counts(meta: Path) -> Counter:
    codes = json.loads(meta.read_text())["exit_code_by_key"].values()
    tally = Counter()
    for code in codes:
        tally["mutants"] += 1
        if code is None:
            tally["not run"] += 1
        elif code in KILLED:
            tally["killed"] += 1
        elif code in TIMEOUT:
            tally["timeout"] += 1  # the tests hung: caught too
        elif code in SURVIVED:
            tally["survived"] += 1
        elif code in NO_TESTS:
            tally["no tests"] += 1
        else:
            tally["other"] += 1
    return tally


def main() -> None:
    stage = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("MUTATION_STAGE", "/tmp/probe-mutation"))
    columns = ("mutants", "killed", "timeout", "survived", "no tests", "other", "not run")
    print("| module | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    total = Counter()
    for meta in sorted((stage / "mutants").glob("probe/**/*.py.meta")):
        tally = counts(meta)
        if tally["mutants"] == tally["not run"]:
            continue
        total += tally
        module = ".".join(meta.relative_to(stage / "mutants").with_suffix("").with_suffix("").parts)
        print(f"| `{module}` | " + " | ".join(str(tally[c]) for c in columns) + " |")
    print("| **all of the above** | " + " | ".join(f"**{total[c]}**" for c in columns) + " |")


if __name__ == "__main__":
    main()
