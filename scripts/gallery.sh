#!/usr/bin/env bash
# Regenerates the figure gallery: installs what is missing, builds qtherm (Release, build/), runs the
# example behind every registered figure (scripts/plot.py figures) into docs/gallery/, draws each PNG and
# rewrites the README's gallery section between its markers. Existing data files are reused unless
# --rerun is given.
#
#   bash scripts/gallery.sh            # all figures
#   bash scripts/gallery.sh --rerun    # recompute every data file
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
rerun=()
[ "${1:-}" = "--rerun" ] && rerun=(--rerun)

bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build --target qtherm_app -j"$(nproc)"

out=docs/gallery
mkdir -p "$out"
figures=$(/usr/bin/python3 scripts/plot.py figures | awk '{print $1}')
for f in $figures; do
  /usr/bin/python3 scripts/plot.py figure "$f" --data "$out" --qtherm build/apps/qtherm "${rerun[@]}"
done
rm -f "$out"/*.h5.partial

# The README section: one line per figure with the command that makes it.
section=$(mktemp)
trap 'rm -f "$section"' EXIT
{
  echo "<!-- gallery:begin (written by scripts/gallery.sh) -->"
  /usr/bin/python3 scripts/plot.py figures | while read -r name example caption; do
    echo ""
    echo "**$name**: $caption. \`/usr/bin/python3 scripts/plot.py figure $name --data docs/gallery\` (example: \`$example\`)"
    echo ""
    echo "![$name](docs/gallery/$name.png)"
  done
  echo "<!-- gallery:end -->"
} > "$section"
/usr/bin/python3 - "$section" <<'PY'
import re, sys
section = open(sys.argv[1]).read()
readme = open("README.md").read()
pattern = re.compile(r"<!-- gallery:begin.*?<!-- gallery:end -->\n?", re.S)
if not pattern.search(readme):
    sys.exit("gallery: README.md has no gallery markers")
open("README.md", "w").write(pattern.sub(lambda m: section, readme))
PY
echo "gallery: $(echo "$figures" | wc -w) figures in $out, README.md updated"
