#!/usr/bin/env python3
"""Checks (or refreshes) the README's output excerpts against what h2audit prints.

An excerpt is a ```text block right after a line that names a command in
backticks and ends with a colon, e.g.

    `swift run h2audit calendar sites/x.yaml --as-of 2026-11-23`:

A line `...` in an excerpt stands for any number of output lines (none
included); an excerpt that does not end with `...` must match the output to
its end. Lines are compared without trailing blanks.

    scripts/readme-excerpts.py --binary .build/debug/h2audit           # check; exit 1 on a stale excerpt
    scripts/readme-excerpts.py --binary .build/debug/h2audit --update  # rewrite stale excerpts in place

--update replaces each stale excerpt by the output, keeping its cuts: as many
lines as before each `...`, and after a cut the lines from the first one that
starts as the excerpt's line there did.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

COMMAND = re.compile(r"^`((?:swift run )?h2audit [^`]*)`[^`]*:$")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def excerpts(lines):
    """(command, first line index, end index) of each excerpt block's body."""
    for i, line in enumerate(lines):
        m = COMMAND.match(line.rstrip())
        if not m:
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j < len(lines) and lines[j].rstrip() == "```text":
            end = j + 1
            while end < len(lines) and lines[end].rstrip() != "```":
                end += 1
            yield m.group(1), j + 1, end


def run(command, binary):
    words = shlex.split(command)
    words = words[2:] if words[:2] == ["swift", "run"] else words
    env = {k: v for k, v in os.environ.items() if k != "H2AUDIT_ROADMAPS"}
    env["NO_COLOR"] = "1"  # packs are found from the working folder, as the README runs them
    result = subprocess.run([binary] + words[1:], cwd=ROOT, env=env, capture_output=True, text=True)
    return [l.rstrip() for l in result.stdout.rstrip("\n").split("\n")]


def segments(block):
    """The excerpt split at its `...` lines, and whether it ends with one."""
    parts, current = [], []
    for line in block:
        if line.strip() == "...":
            parts.append(current)
            current = []
        else:
            current.append(line.rstrip())
    parts.append(current)
    return parts


def matches(block, output):
    parts = segments(block)
    if len(parts) == 1:
        return parts[0] == output
    position = 0
    first, *middle, last = parts
    if output[:len(first)] != first:
        return False
    position = len(first)
    for part in middle:
        found = next((k for k in range(position, len(output) - len(part) + 1) if output[k:k + len(part)] == part), None)
        if found is None:
            return False
        position = found + len(part)
    if not last:
        return True
    return len(output) - len(last) >= position and output[len(output) - len(last):] == last


def refreshed(block, output):
    """The output cut where the old excerpt was cut."""
    parts = segments(block)
    if len(parts) == 1:
        return output
    result = output[:len(parts[0])]
    position = len(parts[0])
    for part in parts[1:]:
        result.append("...")
        if not part:
            continue
        key = part[0][:max(8, len(part[0]) // 2)]
        start = next((k for k in range(position, len(output)) if output[k].startswith(key)), None)
        if start is None:
            start = max(position, len(output) - len(part))
        result += output[start:start + len(part)]
        position = start + len(part)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/h2audit"))
    parser.add_argument("--readme", default=os.path.join(ROOT, "README.md"))
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    with open(args.readme, encoding="utf-8") as f:
        lines = f.read().split("\n")
    stale, checked = [], 0
    for command, start, end in reversed(list(excerpts(lines))):
        checked += 1
        output = run(command, args.binary)
        block = lines[start:end]
        if matches(block, output):
            continue
        stale.append((start, command))
        if args.update:
            lines[start:end] = refreshed(block, output)
    if args.update and stale:
        with open(args.readme, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    for start, command in sorted(stale):
        print(f"{args.readme}:{start + 1}: excerpt of `{command}` {'refreshed' if args.update else 'differs from what it prints'}")
    print(f"{checked} excerpts, {len(stale)} stale")
    return 1 if stale and not args.update else 0


if __name__ == "__main__":
    sys.exit(main())
