#!/usr/bin/env bash
# The syntax gate on generated TypeScript files against the same typescript's own tsc
# (syntactic diagnostics only: noLib, noResolve; with a syntax error present tsc stops there).
# Usage: bench/typescript-bench.sh [--files N] [--typescript DIR] [--jar PATH] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

files=3000
typescript="$(npm root -g 2>/dev/null)/typescript"
jar=target/recovery-gates.jar
work=bench/work
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --typescript) typescript="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$typescript/package.json" ] || { echo "no typescript package at $typescript (--typescript DIR)" >&2; exit 2; }
[ -f "$jar" ] || mvn -B -q -DskipTests package
version=$(node -p "require('$typescript/package.json').version")

corpus="$work/ts-corpus-$files"
if [ ! -f "$corpus/.done" ]; then
  rm -rf "$corpus" && mkdir -p "$corpus/src"
  python3 - "$corpus/src" "$files" <<'EOF'
import sys
out, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    lines = [f"export interface T{i} {{ id: number; name?: string }}"]
    lines += [f"export const f{j} = (a: T{i}, b: number): number => a.id * b + {j};" for j in range(40)]
    if i % 100 == 0:
        lines.append("export const broken = ;")
    with open(f"{out}/m{i}.ts", "w") as f:
        f.write("\n".join(lines) + "\n")
EOF
  touch "$corpus/.done"
fi
rm -rf "$corpus/node_modules" && mkdir -p "$corpus/node_modules" && ln -s "$(cd "$typescript" && pwd)" "$corpus/node_modules/typescript"
printf 'syntax:\n  languages: [typescript]\n' > "$work/ts-bench.yml"
printf '{"compilerOptions":{"noLib":true,"noResolve":true,"types":[],"noEmit":true},"include":["src/**/*.ts"]}\n' > "$corpus/tsconfig.bench.json"

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
tsc=$(seconds node "$typescript/bin/tsc" -p "$corpus/tsconfig.bench.json" --pretty false)
gate=$(seconds java -jar "$jar" syntax --root "$corpus" --config "$work/ts-bench.yml" --out "$work/ts-out" --format json)
rm -rf "$work/ts-cache"
seconds java -jar "$jar" syntax --root "$corpus" --config "$work/ts-bench.yml" --out "$work/ts-out" --format json --cache "$work/ts-cache" >/dev/null
warm=$(seconds java -jar "$jar" syntax --root "$corpus" --config "$work/ts-bench.yml" --out "$work/ts-out" --format json --cache "$work/ts-cache")
rm -f "$corpus/tsconfig.bench.json"

echo "typescript $version, $files files"
echo "tsc (syntactic only)   ${tsc} s"
echo "gate cold              ${gate} s   (ratio $(echo "scale=2; $gate / $tsc" | bc))"
echo "gate warm (--cache)    ${warm} s"
