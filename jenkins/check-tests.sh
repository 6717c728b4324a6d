#!/usr/bin/env bash
# Type-checks jenkins/src/test (the JenkinsRule tests) together with src/main against real sources:
# the API set prepared by ../shared/tools/jenkins-compile-check (Jenkins 2.492.3 and plugins) plus the
# sources of jenkins-test-harness (at the version the plugin parent pins), workflow-job and workflow-cps
# (fetched mirrors, HEAD). Their own third-party imports (htmlunit, Jetty, groovy-cps) are absent, so
# javac reports errors inside those sources; this script ignores them and fails only on our files.
# The test classpath holds only what is declared: the Maven Central test dependencies of jenkins/pom.xml,
# those its parent (plugin-pom, at the tag of the parent's version) declares, and the JUnit/Hamcrest
# libraries the harness' own pom declares, resolved by Maven with their dependencies; nothing else from
# ~/.m2. An import of an undeclared library is an error here, as it would be in the real build.
# Usage: MIRROR=/work/.mirror CHECK_TOOL=../shared/tools/jenkins-compile-check jenkins/check-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MIRROR="${MIRROR:-/work/.mirror}"
TOOL_BUILD="${TOOL_BUILD:-${XDG_CACHE_HOME:-$HOME/.cache}/jenkins-compile-check}"
[ -f "$TOOL_BUILD/sourcepath.txt" ] || { echo "run the compile-check tool's prepare.sh first" >&2; exit 2; }
ENGINE=$(ls target/recovery-gates-*-plugin.jar 2>/dev/null | head -1)
[ -n "$ENGINE" ] || { echo "build the engine first: mvn -B -o package -DskipTests (target/recovery-gates-*-plugin.jar)" >&2; exit 2; }
for repo in plugin-pom workflow-job-plugin workflow-cps-plugin jenkins-test-harness; do
  [ -d "$MIRROR/jenkinsci+$repo/repo" ] || { echo "missing mirror $MIRROR/jenkinsci+$repo/repo (fetch github:jenkinsci/$repo)" >&2; exit 2; }
done
WORK="$(mktemp -d "${TMPDIR:-/tmp}/jenkins-test-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# What the poms declare: "central g:a:v" lines and the harness version.
python3 - "$MIRROR" jenkins/pom.xml > "$WORK/declared.txt" <<'PY'
import re, subprocess, sys, xml.etree.ElementTree as ET
mirror, pom = sys.argv[1], sys.argv[2]
NS = '{http://maven.apache.org/POM/4.0.0}'
def parse(text):
    return ET.fromstring(text)
def props(root):
    p = {}
    for e in root.findall(NS + 'properties/*'):
        p[e.tag[len(NS):]] = (e.text or '').strip()
    return p
def expand(v, p):
    for _ in range(5):
        v = re.sub(r'\$\{([^}]+)\}', lambda m: p.get(m.group(1), m.group(0)), v)
    return v
def deps(root, path):
    out = []
    for d in root.findall(NS + path + '/' + NS + 'dependency'):
        g = d.findtext(NS + 'groupId'); a = d.findtext(NS + 'artifactId')
        out.append((g, a, d.findtext(NS + 'version'), d.findtext(NS + 'scope') or 'compile', d.findtext(NS + 'classifier')))
    return out
def git_show(repo, ref, path):
    gd = f'{mirror}/jenkinsci+{repo}/repo'
    return subprocess.run(['git', '--git-dir', gd, 'show', f'{ref}:{path}'], check=True, capture_output=True, text=True).stdout
jenkins_ns = ('org.jenkins-ci', 'io.jenkins')
ours = parse(open(pom, encoding='utf-8').read())
ours_p = props(ours)
parent_version = ours.findtext(NS + 'parent/' + NS + 'version')
parent = parse(git_show('plugin-pom', 'plugin-' + parent_version, 'pom.xml'))
pp = props(parent); pp['project.version'] = parent_version
managed = {}
for g, a, v, s, c in deps(parent, 'dependencyManagement/' + NS + 'dependencies'):
    if v:
        managed[(g, a)] = expand(v, pp)
junit = pp['junit.version']  # junit-bom, imported by the parent
def version(g, a, v, p):
    if v:
        return expand(v, p)
    if (g, a) in managed:
        return managed[(g, a)]
    if g.startswith('org.junit'):
        return junit
    raise SystemExit(f'check-tests: no version for {g}:{a} in jenkins/pom.xml or its parent')
central = []
for g, a, v, s, c in deps(ours, 'dependencies'):
    if s == 'test' and not g.startswith(jenkins_ns):
        central.append(f'{g}:{a}:{version(g, a, v, {**pp, **ours_p})}')
for g, a, v, s, c in deps(parent, 'dependencies'):
    if s == 'test' and not g.startswith(jenkins_ns):
        central.append(f'{g}:{a}:{version(g, a, v, pp)}')
harness = pp['jenkins-test-harness.version']
h = parse(git_show('jenkins-test-harness', harness, 'pom.xml'))
for g, a, v, s, c in deps(h, 'dependencies'):
    if s == 'compile' and g in ('junit', 'org.hamcrest', 'org.junit.jupiter'):
        central.append(f'{g}:{a}:{managed.get((g, a)) or (junit if g.startswith("org.junit") else None)}')
print('harness ' + harness)
for c in sorted(set(central)):
    print('central ' + c)
PY
HARNESS_REF=$(awk '$1=="harness"{print $2}' "$WORK/declared.txt")
# the declared Central libraries with their own dependencies, resolved by Maven
python3 - "$WORK/declared.txt" > "$WORK/pom.xml" <<'PY'
import sys
deps = [l.split()[1].split(':') for l in open(sys.argv[1]) if l.startswith('central ')]
print('<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>local</groupId>'
      '<artifactId>jenkins-test-deps</artifactId><version>1</version><packaging>pom</packaging><dependencies>'
      + ''.join(f'<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>' for g, a, v in deps)
      + '</dependencies></project>')
PY
mvn -B -q -f "$WORK/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$WORK/lib" >&2
sed -n 's/^central /  declared: /p' "$WORK/declared.txt" >&2

cp "$TOOL_BUILD/sourcepath.txt" "$WORK/sourcepath.txt"
for repo in workflow-job-plugin workflow-cps-plugin jenkins-test-harness; do
  ref=HEAD; [ "$repo" = jenkins-test-harness ] && ref="$HARNESS_REF"
  mkdir -p "$WORK/src/$repo"
  git --git-dir="$MIRROR/jenkinsci+$repo/repo" archive "$ref" | tar -x -C "$WORK/src/$repo"
done
printf '%s\n' "$WORK/src/workflow-job-plugin/src/main/java" "$WORK/src/workflow-cps-plugin/plugin/src/main/java" \
  "$WORK/src/workflow-cps-plugin/plugin/src/test/java" "$WORK/src/jenkins-test-harness/src/main/java" >> "$WORK/sourcepath.txt"
CP="$(ls "$TOOL_BUILD"/lib/*.jar | paste -sd:):$(ls "$WORK"/lib/*.jar | paste -sd:):$ENGINE"
mapfile -t FILES < <(find "$PWD/jenkins/src/main/java" "$PWD/jenkins/src/test/java" -name '*.java' | sort)
java --add-exports jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED \
  -Daccmod=false -cp "$TOOL_BUILD/toolclasses" CompileCheck --release 17 -encoding UTF-8 -parameters -proc:none \
  -implicit:none -Xmaxerrs 5000 -XDshould-stop.ifError=FLOW -cp "$CP" -sourcepath "$(paste -sd: "$WORK/sourcepath.txt")" \
  -- "${FILES[@]}" > "$WORK/javac.log" 2>&1 || true
ours=$(grep -c "^$PWD/jenkins/src/.*: error: " "$WORK/javac.log" || true)
grep -A4 "^$PWD/jenkins/src/.*: error: " "$WORK/javac.log" || true
if [ "$ours" -gt 0 ]; then echo "check-tests: FAILED - $ours error(s) in jenkins/src"; exit 1; fi
echo "check-tests: OK - ${#FILES[@]} file(s) of jenkins/src/{main,test} type-check (harness $HARNESS_REF; errors inside the harness' own unresolved imports ignored)"
