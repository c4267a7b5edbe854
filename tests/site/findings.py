"""What a Python site test found, reported one way: fail(message) keeps a
problem; finish(name, passed) prints each as a FAIL line and the count, or
`passed`, and exits 1 when there is one. Run from tests/site/, a test imports
it as `from findings import fail, finish`."""
import sys

problems = []


def fail(message):
    problems.append(message)


def finish(name, passed="ok"):
    for problem in problems:
        print("FAIL", problem)
    print(f"{name}:", passed if not problems else f"{len(problems)} problems")
    sys.exit(1 if problems else 0)
