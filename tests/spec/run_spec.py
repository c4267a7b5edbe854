#!/usr/bin/env python3
"""Runs the examples of generator-spec.md against a real `blendin` binary.

usage: run_spec.py BLENDIN REPO_ROOT [--pattern TEXT]

Each example is a fenced block of kind `example` in generator-spec.md (its
first section says how one is written). For each, a fresh content folder is
made from tests/spec/base/, the example's files are written over it, and
`blendin build` (or `blendin check`) runs with the repository's templates and
a fixed --now; then every expectation of the example is checked. An example
marked as a known difference must fail: when it passes, the mark is stale and
the run fails too. Prints a line per example and a summary; exits 1 on any
failure, and on a document without examples.
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

NOW = "2026-11-28T12:00"
KNOWN_DIFFERENCE = "<!-- known difference:"


@dataclass
class Expectation:
    kind: str  # "contains", "ordered", "lacks", "missing", "error"
    target: str  # an output path, or "" for errors
    lines: list = field(default_factory=list)


@dataclass
class Example:
    number: int
    section: str
    line: int  # where its block starts in the document
    files: dict = field(default_factory=dict)
    command: str = "build"
    arguments: list = field(default_factory=list)
    expectations: list = field(default_factory=list)
    known_difference: str = ""


class SpecError(Exception):
    pass


def parse_expectation_header(header, line_number):
    words = header.split()
    if words == ["error"]:
        return Expectation("error", "")
    if len(words) == 2 and words[0] == "no":
        return Expectation("missing", words[1])
    if len(words) == 2 and words[1] == "!":
        return Expectation("lacks", words[0])
    if len(words) == 3 and words[1:] == ["in", "order"]:
        return Expectation("ordered", words[0])
    if len(words) == 1:
        return Expectation("contains", words[0])
    raise SpecError(f"line {line_number}: expected '<<< PATH', '<<< PATH !', '<<< PATH in order', '<<< no PATH' "
                    f"or '<<< error', got {header!r}")


def parse_example(block, number, section, start_line, known_difference):
    example = Example(number, section, start_line, known_difference=known_difference)
    current_file = None
    current_expectation = None
    for offset, line in enumerate(block):
        line_number = start_line + 1 + offset
        if line.startswith(">>> "):
            if example.expectations:
                raise SpecError(f"line {line_number}: an input file after the expectations")
            current_file = line[4:].strip()
            example.files[current_file] = []
        elif line.startswith("$ "):
            words = line[2:].split()
            if not words or words[0] not in ("build", "check"):
                raise SpecError(f"line {line_number}: expected '$ build ARGS' or '$ check ARGS'")
            example.command, example.arguments = words[0], words[1:]
            current_file = None
        elif line.startswith("<<< "):
            current_file = None
            current_expectation = parse_expectation_header(line[4:], line_number)
            example.expectations.append(current_expectation)
        elif current_file is not None:
            example.files[current_file].append(line)
        elif current_expectation is not None:
            if line.strip():
                current_expectation.lines.append(line)
        elif line.strip():
            raise SpecError(f"line {line_number}: text outside a file or an expectation: {line!r}")
    if not example.expectations:
        raise SpecError(f"line {start_line}: example {number} expects nothing")
    for expectation in example.expectations:
        if expectation.kind != "missing" and not expectation.lines:
            raise SpecError(f"line {start_line}: example {number}: '<<< {expectation.target or 'error'}' has no lines")
    return example


def parse_spec(text):
    examples, section, block, block_start, pending_mark = [], "", None, 0, ""
    for line_number, line in enumerate(text.split("\n"), start=1):
        if block is not None:
            if line == "```":
                examples.append(parse_example(block, len(examples) + 1, section, block_start, pending_mark))
                block, pending_mark = None, ""
            else:
                block.append(line)
        elif line == "```example":
            block, block_start = [], line_number
        elif line.startswith("## "):
            section = line[3:].strip()
        elif line.startswith(KNOWN_DIFFERENCE):
            pending_mark = line[len(KNOWN_DIFFERENCE):].removesuffix("-->").strip()
    if block is not None:
        raise SpecError(f"line {block_start}: an example that is never closed")
    return examples


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def nearest_lines(haystack, needle, count=3):
    """The lines of haystack that share the most words with needle, for a failure's message."""
    words = set(re.findall(r"\w+", needle))
    scored = sorted(haystack.split("\n"), key=lambda l: -len(words & set(re.findall(r"\w+", l))))
    return [l.strip()[:200] for l in scored[:count] if l.strip()]


def check_expectation(expectation, out_dir, status, stderr):
    problems = []
    if expectation.kind == "error":
        if status != 1:
            problems.append(f"exit code {status}, expected 1 (refused input)")
        text = normalise(stderr)
        for line in expectation.lines:
            if normalise(line) not in text:
                problems.append(f"stderr lacks: {line.strip()}\n      stderr was: {stderr.strip()[:600]}")
        return problems
    if status != 0:
        return [f"exit code {status}, expected 0; stderr: {stderr.strip()[:600]}"]
    path = out_dir / expectation.target
    if expectation.kind == "missing":
        return [f"{expectation.target} was written"] if path.exists() else []
    if not path.is_file():
        return [f"{expectation.target} was not written"]
    raw = path.read_text(encoding="utf-8")
    text = normalise(raw)
    if expectation.kind == "ordered":
        at = 0
        for line in expectation.lines:
            found = text.find(normalise(line), at)
            if found < 0:
                where = "after the line before it" if normalise(line) in text else "at all"
                return [f"{expectation.target} lacks {where}: {line.strip()}"]
            at = found + len(normalise(line))
        return []
    for line in expectation.lines:
        found = normalise(line) in text
        if expectation.kind == "contains" and not found:
            near = "\n        ".join(nearest_lines(raw, line))
            problems.append(f"{expectation.target} lacks: {line.strip()}\n      nearest:\n        {near}")
        if expectation.kind == "lacks" and found:
            problems.append(f"{expectation.target} holds: {line.strip()}")
    return problems


def run_example(example, blendin, root, base):
    with tempfile.TemporaryDirectory(prefix="blendin-spec-") as scratch:
        content = Path(scratch) / "content"
        shutil.copytree(base, content)
        for relative, lines in example.files.items():
            target = content / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out_dir = Path(scratch) / "public"
        command = [blendin, example.command, "--content", str(content), *example.arguments]
        if example.command == "build":
            command += ["--templates", str(root / "templates"), "--out", str(out_dir), "--now", NOW]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        # Messages name files as the command was given them; the spec names
        # them relative to the content folder.
        stderr = result.stderr.replace(str(content) + "/", "")
        problems = []
        for expectation in example.expectations:
            problems += check_expectation(expectation, out_dir, result.returncode, stderr)
        return problems


def main():
    arguments = sys.argv[1:]
    pattern = ""
    if "--pattern" in arguments:
        at = arguments.index("--pattern")
        pattern = arguments[at + 1]
        del arguments[at:at + 2]
    if len(arguments) != 2:
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        return 2
    blendin, root = os.path.realpath(arguments[0]), Path(arguments[1]).resolve()
    here = Path(__file__).resolve().parent
    try:
        examples = parse_spec((here / "generator-spec.md").read_text(encoding="utf-8"))
    except SpecError as error:
        print(f"generator-spec.md:{error}", file=sys.stderr)
        return 1
    if not examples:
        print("generator-spec.md: no example found", file=sys.stderr)
        return 1
    chosen = [e for e in examples if pattern in f"{e.number} {e.section}"]
    if not chosen:
        print(f"no example matches {pattern!r}", file=sys.stderr)
        return 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outcomes = list(pool.map(lambda e: run_example(e, blendin, root, here / "base"), chosen))
    passed = failed = expected_failures = 0
    for example, problems in zip(chosen, outcomes):
        name = f"{example.number} {example.section} (line {example.line})"
        if example.known_difference:
            if problems:
                expected_failures += 1
                print(f"known difference {name}: {example.known_difference}")
            else:
                failed += 1
                print(f"FAIL {name}: marked as a known difference but passes; remove the mark")
        elif problems:
            failed += 1
            print(f"FAIL {name}")
            for problem in problems:
                print(f"    {problem}")
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed, {expected_failures} known differences")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
