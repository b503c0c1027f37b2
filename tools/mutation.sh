#!/bin/sh
# Mutation testing of importers/ and store/ with mutmut (docs/mutation.md).
#
#   tools/mutation.sh                       # every mutant ([tool.mutmut] in pyproject.toml)
#   tools/mutation.sh run "probe.importers.ratings*"   # one module's mutants
#   tools/mutation.sh results               # the survivors; `show NAME` prints one
#
# mutmut names a mutant after its file's path, so the project is first copied into the layout it
# installs as (probe/domain, probe/importers, probe/store, probe/tui): the names then match the modules tests
# import. The copy lives in $MUTATION_STAGE (default /tmp/probe-mutation) and keeps mutmut's
# results between runs. It runs at the lowest priority: the machine is shared.
set -eu
# Copies get the time they are made (cp without -p): mutmut rebuilds a mutated file only when its
# source is newer, so copies keeping a checkout's older times would leave stale mutants behind.
repo=$(cd "$(dirname "$0")/.." && pwd)
stage=${MUTATION_STAGE:-/tmp/probe-mutation}
mkdir -p "$stage"
rm -rf "$stage/probe" "$stage/tests" "$stage/bench"
cp -r "$repo/probe" "$stage/probe"
for part in domain importers store tui; do
    cp -r "$repo/$part" "$stage/probe/$part"
done
cp -r "$repo/tests" "$repo/bench" "$repo/pyproject.toml" "$stage/"
cd "$stage"
[ $# -gt 0 ] || set -- run
exec nice -n 19 "$repo/.venv/bin/python" -m mutmut "$@"
