#!/bin/sh
# format.sh - the C sources follow .clang-format (nobody argues about
# whitespace).  Skips without clang-format 14.
. "${SRCDIR:-.}/tests/lib.sh"
command -v clang-format >/dev/null || skip "no clang-format"
# The tree is formatted with clang-format 14 (Debian 12); other major
# versions lay out some constructs differently.
case "$(clang-format --version)" in
*" 14."*) ;;
*) skip "clang-format is not version 14: $(clang-format --version)" ;;
esac
cd "$SRCDIR" || fail "no source dir"
bad=""
for f in src/*.c src/*.h tests/*.c tests/fixtures/*.c bench/*.c; do
	[ -f "$f" ] || continue
	clang-format --dry-run "$f" 2>&1 | grep -q "warning:" && bad="$bad $f"
done
[ -z "$bad" ] || fail "not formatted (run clang-format -i):$bad"
echo ok
