#!/usr/bin/env python3
"""Runs the examples of generator-spec.md against a real `blendin` binary.

usage: run_spec.py BLENDIN REPO_ROOT [--pattern TEXT]

Each example is a fenced block of kind `example` in generator-spec.md, whose
first section says how one is written. For each, a fresh content folder is
made from tests/spec/base/, the example's files are written over it, and
`blendin build` (or `blendin check`) runs with the repository's templates and
a fixed --now; then every expectation of the example is checked.

--pattern runs one example when TEXT is its number, else every example whose
name (section and title) holds TEXT, in any case.

An example marked as a known difference must fail: it counts as an expected
failure, and when it passes the mark is stale and the run fails. Prints a line
per example and a summary; exits 1 on any failure, on a document that cannot
be read, and when no example is chosen.
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
KNOWN_DIFFERENCE_MARK = "<!-- known difference:"
ESCAPED_FILE_WORD = "escaped"  # `>>> PATH escaped`: \xHH in the file is the byte HH
ERROR_LINE = re.compile(r"^\S+:\d+:\d+: \S")  # file:line:column: what
COMMAND_SUMMARY = re.compile(r"^blendin \w+: ")  # the last line of a refused build, not a problem
BUILDS_AT_ONCE = 4  # each build is a separate process that waits on the file system part of the time


@dataclass
class Expectation:
    kind: str  # "contains", "ordered", "lacks", "missing" or "error"
    target: str  # a path in the built site; "" for "error"
    lines: list = field(default_factory=list)


@dataclass
class InputFile:
    path: str
    escaped: bool
    lines: list = field(default_factory=list)

    def content(self):
        text = "\n".join(self.lines) + "\n"
        if not self.escaped:
            return text.encode("utf-8")
        parts = re.split(r"\\x([0-9A-Fa-f]{2})", text)
        # re.split alternates text and captured hex digits.
        return b"".join(part.encode("utf-8") if i % 2 == 0 else bytes([int(part, 16)]) for i, part in enumerate(parts))


@dataclass
class Example:
    number: int
    section: str
    title: str
    line: int  # where its fence opens in the document
    files: list = field(default_factory=list)
    command: str = "build"
    arguments: list = field(default_factory=list)
    expectations: list = field(default_factory=list)
    known_difference: str = ""

    def name(self):
        return f"{self.number} {self.section}: {self.title}"


class SpecError(Exception):
    """A mistake in generator-spec.md itself, with its line."""


# [SECTION] Reading the document


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
    raise SpecError(f"line {line_number}: expected '<<< PATH', '<<< PATH in order', '<<< PATH !', "
                    f"'<<< no PATH' or '<<< error', got {header!r}")


def parse_input_header(header, line_number):
    words = header.split()
    if len(words) == 1:
        return InputFile(words[0], escaped=False)
    if len(words) == 2 and words[1] == ESCAPED_FILE_WORD:
        return InputFile(words[0], escaped=True)
    raise SpecError(f"line {line_number}: expected '>>> PATH' or '>>> PATH {ESCAPED_FILE_WORD}', got {header!r}")


def parse_command(text, line_number):
    words = text.split()
    if not words or words[0] not in ("build", "check"):
        raise SpecError(f"line {line_number}: expected '$ build ARGS' or '$ check ARGS'")
    return words[0], words[1:]


def check_example_is_complete(example):
    where = f"line {example.line}: example {example.number}"
    if not example.expectations:
        raise SpecError(f"{where} expects nothing")
    paths = [file.path for file in example.files]
    if len(paths) != len(set(paths)):
        raise SpecError(f"{where} writes one input file twice")
    kinds = {expectation.kind for expectation in example.expectations}
    if "error" in kinds and len(example.expectations) > 1:
        raise SpecError(f"{where} expects both a refusal and a built site")
    for expectation in example.expectations:
        if expectation.kind != "missing" and not expectation.lines:
            raise SpecError(f"{where}: '<<< {expectation.target or 'error'}' is followed by no line")
        if expectation.kind == "error":
            for line in expectation.lines:
                if not ERROR_LINE.match(line.strip()):
                    raise SpecError(f"{where}: an error line must start file:line:column:, got {line.strip()!r}")


def parse_example(block, example):
    """Fills example from the lines between its fences."""
    current_file = current_expectation = None
    for offset, line in enumerate(block):
        line_number = example.line + 1 + offset
        if line.startswith(">>> "):
            if example.expectations:
                raise SpecError(f"line {line_number}: an input file after the expectations")
            current_file = parse_input_header(line[4:], line_number)
            example.files.append(current_file)
        elif line.startswith("$ "):
            example.command, example.arguments = parse_command(line[2:], line_number)
            current_file = None
        elif line.startswith("<<< "):
            current_file = None
            current_expectation = parse_expectation_header(line[4:], line_number)
            example.expectations.append(current_expectation)
        elif current_file is not None:
            current_file.lines.append(line)
        elif current_expectation is not None:
            if line.strip():
                current_expectation.lines.append(line)
        elif line.strip():
            raise SpecError(f"line {line_number}: text outside a file or an expectation: {line!r}")
    check_example_is_complete(example)
    return example


def first_sentence(paragraph):
    text = " ".join(paragraph)
    match = re.match(r"(.+?[.:])(\s|$)", text)
    return (match.group(1) if match else text).rstrip(":.")


def parse_spec(text):
    """The examples of the document, numbered from 1 in document order."""
    examples, section, paragraph, title = [], "", [], ""
    block = mark = mark_line = None
    for line_number, line in enumerate(text.split("\n"), start=1):
        if block is not None:
            if line == "```":
                number = len(examples) + 1
                example = Example(number, section, title, block_start, known_difference=mark or "")
                examples.append(parse_example(block, example))
                block = mark = None
            else:
                block.append(line)
            continue
        if mark is not None and line.strip() and line != "```example":
            raise SpecError(f"line {mark_line}: a known-difference mark must stand just before an example")
        if line == "```example":
            block, block_start = [], line_number
        elif line.startswith("## "):
            section, paragraph, title = line[3:].strip(), [], ""
        elif line.startswith(KNOWN_DIFFERENCE_MARK):
            mark, mark_line = line[len(KNOWN_DIFFERENCE_MARK):].removesuffix("-->").strip(), line_number
            if not mark:
                raise SpecError(f"line {line_number}: a known-difference mark must say what differs")
        elif line.strip():
            paragraph.append(line.strip())
        elif paragraph:
            title, paragraph = first_sentence(paragraph), []
    if block is not None:
        raise SpecError(f"line {block_start}: an example that is never closed")
    if mark is not None:
        raise SpecError(f"line {mark_line}: a known-difference mark must stand just before an example")
    return examples


# [SECTION] Checking a build


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def nearest_lines(haystack, needle, count=3):
    """The lines of haystack that share the most words with needle, to show beside a failure."""
    words = set(re.findall(r"\w+", needle))
    lines = [line for line in haystack.split("\n") if line.strip()]
    lines.sort(key=lambda line: -len(words & set(re.findall(r"\w+", line))))
    return [line.strip()[:240] for line in lines[:count]]


def lacks_message(target, line, raw, where="at all"):
    nearest = "\n        ".join(nearest_lines(raw, line)) or "(the file is empty)"
    return f"{target} lacks {where}:\n        {line.strip()}\n      nearest lines of {target}:\n        {nearest}"


def check_refusal(expectation, status, stderr, out_dir):
    problems = []
    if status != 1:
        problems.append(f"exit code {status}, expected 1 (content refused)")
    messages = [normalise(line) for line in stderr.split("\n") if line.strip()]
    problem_lines = [line for line in messages if not COMMAND_SUMMARY.match(line)]
    expected = [normalise(line) for line in expectation.lines]
    for line in expected:
        if line not in problem_lines:
            problems.append(f"messages lack the line:\n        {line}")
    for line in problem_lines:
        if line not in expected:
            problems.append(f"messages hold a line not expected:\n        {line}")
    if out_dir.exists():
        problems.append("the refused build wrote its output folder")
    return problems


def check_output(expectation, out_dir):
    path = out_dir / expectation.target
    if expectation.kind == "missing":
        return [f"{expectation.target} was written"] if path.exists() else []
    if not path.is_file():
        return [f"{expectation.target} was not written"]
    raw = path.read_text(encoding="utf-8", errors="replace")
    text = normalise(raw)
    problems = []
    if expectation.kind == "ordered":
        at = 0
        for line in expectation.lines:
            found = text.find(normalise(line), at)
            if found < 0:
                where = "after the line before it" if normalise(line) in text else "at all"
                return [lacks_message(expectation.target, line, raw, where)]
            at = found + len(normalise(line))
        return []
    for line in expectation.lines:
        found = normalise(line) in text
        if expectation.kind == "contains" and not found:
            problems.append(lacks_message(expectation.target, line, raw))
        if expectation.kind == "lacks" and found:
            problems.append(f"{expectation.target} holds, and should not:\n        {line.strip()}")
    return problems


def check_expectation(expectation, status, stderr, out_dir):
    if expectation.kind == "error":
        return check_refusal(expectation, status, stderr, out_dir)
    if status != 0:
        return [f"exit code {status}, expected 0; messages:\n        {stderr.strip()[:1200]}"]
    return check_output(expectation, out_dir)


# [SECTION] Running an example


def write_content(example, content):
    for file in example.files:
        target = content / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content())


def blendin_command(example, blendin, root, content, out_dir):
    command = [blendin, example.command, "--content", str(content), "--templates", str(root / "templates"),
               "--now", NOW, *example.arguments]
    if example.command == "build":
        command += ["--out", str(out_dir)]
    return command


def run_example(example, blendin, root, base):
    """The problems found with one example: none when it holds."""
    with tempfile.TemporaryDirectory(prefix="blendin-spec-") as scratch:
        content = Path(scratch) / "content"
        out_dir = Path(scratch) / "public"
        shutil.copytree(base, content)
        write_content(example, content)
        result = subprocess.run(blendin_command(example, blendin, root, content, out_dir),
                                capture_output=True, text=True, errors="replace", timeout=60)
        # Messages name files as the command was given them; the document
        # names them relative to the content folder.
        stderr = result.stderr.replace(str(content) + "/", "")
        problems = []
        for expectation in example.expectations:
            problems += check_expectation(expectation, result.returncode, stderr, out_dir)
        return problems


# [SECTION] The command line


def parse_arguments(arguments):
    pattern = None
    if "--pattern" in arguments:
        at = arguments.index("--pattern")
        if at + 1 >= len(arguments):
            return None
        pattern = arguments[at + 1]
        arguments = arguments[:at] + arguments[at + 2:]
    if len(arguments) != 2:
        return None
    return os.path.realpath(arguments[0]), Path(arguments[1]).resolve(), pattern


def choose(examples, pattern):
    if pattern is None:
        return examples
    if pattern.isdigit():
        return [example for example in examples if example.number == int(pattern)]
    return [example for example in examples if pattern.casefold() in example.name().casefold()]


def report(examples, outcomes):
    """Prints a line per example and the summary; returns the number of failures."""
    passed = failed = expected_failures = 0
    for example, problems in zip(examples, outcomes):
        name = f"{example.name()} (line {example.line})"
        if example.known_difference and problems:
            expected_failures += 1
            print(f"expected failure {name}\n    known difference: {example.known_difference}")
        elif example.known_difference:
            failed += 1
            print(f"FAIL {name}\n    marked as a known difference but passes: remove the mark")
        elif problems:
            failed += 1
            print(f"FAIL {name}")
            for problem in problems:
                print(f"    {problem}")
        else:
            passed += 1
            print(f"ok {name}")
    print(f"{passed} passed, {failed} failed, {expected_failures} expected failures")
    return failed


def main():
    parsed = parse_arguments(sys.argv[1:])
    if parsed is None:
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        return 2
    blendin, root, pattern = parsed
    here = Path(__file__).resolve().parent
    try:
        examples = parse_spec((here / "generator-spec.md").read_text(encoding="utf-8"))
    except SpecError as error:
        print(f"generator-spec.md: {error}", file=sys.stderr)
        return 1
    if not examples:
        print("generator-spec.md: no example found", file=sys.stderr)
        return 1
    chosen = choose(examples, pattern)
    if not chosen:
        print(f"no example matches {pattern!r}", file=sys.stderr)
        return 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=BUILDS_AT_ONCE) as pool:
        outcomes = list(pool.map(lambda example: run_example(example, blendin, root, here / "base"), chosen))
    return 1 if report(chosen, outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
