#!/usr/bin/env python3
"""`blendin serve` builds the site, and only its answers carry live preview.

Over real HTTP on 127.0.0.1: while watching, every page gets the live script
and /_blendin/live streams events, yet no file of the built site mentions
/_blendin/; with --no-watch or --no-build pages come as they are on disk; a
content error at startup is printed as file:line:column, exits 1 and leaves
the site's folder as it was.

usage: serve_live_check.py BLENDIN REPO_ROOT
"""
import http.client
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOW = "2026-11-28T12:00"
PAGE = "/nl/events/zomertijd-wandeling/"
failures = []


def check(ok, what):
    print(f"{'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        failures.append(what)


class Serve:
    def __init__(self, blendin, *args):
        self.process = subprocess.Popen([blendin, "serve", "--port", "0", *map(str, args)], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.port = None
        for line in self.process.stdout:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                self.port = int(found.group(1))
                break
        if self.port is None:
            raise SystemExit(f"blendin serve did not start: {self.process.stderr.read()}")

    def get(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, response.headers, body

    def stop(self):
        start = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = "still running after 10 s"
        return code, time.monotonic() - start


def main():
    blendin, root = sys.argv[1], Path(sys.argv[2]).resolve()
    work = Path(tempfile.mkdtemp(prefix="blendin-serve-"))
    try:
        shutil.copytree(root / "tests/fixtures/site-valid", work / "content")
        shutil.copytree(root / "templates", work / "templates")
        site = work / "public"
        common = ["--content", work / "content", "--site", site, "--db", work / "db.sqlite", "--now", NOW]

        # Watching: the server adds the script to pages it sends, never to files.
        serve = Serve(blendin, *common)
        status, headers, body = serve.get(PAGE)
        check(status == 200 and body.count(b"/_blendin/") == 1 and
              re.search(rb'<script src="/_blendin/live\.js" data-build="\d+" defer></script></body>', body) is not None,
              f"a page served while watching loads /_blendin/live.js just before </body> ({status})")
        policy = headers.get("Content-Security-Policy", "")
        check("default-src 'self'" in policy and "connect-src" not in policy and "*" not in policy and
              "http" not in policy, f"the page's policy allows only its own origin to connect ({policy})")
        status, headers, script = serve.get("/_blendin/live.js")
        check(status == 200 and headers.get("Content-Type") == "text/javascript" and b"EventSource" in script,
              f"/_blendin/live.js is served as text/javascript ({status} {headers.get('Content-Type')})")
        stream = http.client.HTTPConnection("127.0.0.1", serve.port, timeout=10)
        stream.request("GET", "/_blendin/live")
        answer = stream.getresponse()
        first = b"".join(answer.fp.readline() for _ in range(4))
        check(answer.status == 200 and answer.headers.get("Content-Type") == "text/event-stream" and
              b"event: hello\ndata: " in first,
              f"/_blendin/live answers an event stream that says hello ({answer.status} {first!r})")
        on_disk = [str(path.relative_to(site)) for path in site.rglob("*") if path.is_file() and b"/_blendin/" in path.read_bytes()]
        check(not on_disk and (site / PAGE.strip("/") / "index.html").is_file(),
              f"no file of the built site mentions /_blendin/ ({on_disk[:3]})")
        code, seconds = serve.stop()
        stream.close()
        check(code == 0 and seconds < 5, f"SIGTERM with an event stream open: exit {code} after {seconds:.1f} s")

        # --no-watch: built, served as on disk.
        serve = Serve(blendin, *common, "--no-watch")
        status, _, body = serve.get(PAGE)
        check(status == 200 and b"/_blendin/" not in body and body == (site / PAGE.strip("/") / "index.html").read_bytes(),
              f"--no-watch serves the page as it is on disk ({status})")
        check(serve.get("/_blendin/live.js")[0] == 404 and serve.get("/_blendin/live")[0] == 404,
              "--no-watch has no /_blendin/ addresses")
        check(serve.stop()[0] == 0, "--no-watch stops with exit 0")

        # --no-build: the folder as it is.
        marker = site / "nl" / "marker.txt"
        marker.write_text("kept\n")
        serve = Serve(blendin, *common, "--no-build")
        status, _, body = serve.get("/nl/marker.txt")
        check(status == 200 and body == b"kept\n" and b"/_blendin/" not in serve.get(PAGE)[2],
              f"--no-build serves the folder as it is, without the live script ({status})")
        serve.stop()
        missing = subprocess.run([blendin, "serve", "--port", "0", "--no-build", "--site", work / "nothing", "--db",
                                  work / "db.sqlite"], capture_output=True, text=True, timeout=30)
        check(missing.returncode == 1 and "--site" in missing.stderr, f"--no-build without a site: exit {missing.returncode}")

        # A content error at startup: printed, exit 1, nothing served, the old site kept.
        event = work / "content/events/2027/zomertijd-wandeling.nl.md"
        event.write_text(event.read_text().replace("pillar: culture", "pillar: sport"))
        before = (site / PAGE.strip("/") / "index.html").read_bytes()
        refused = subprocess.run([blendin, "serve", "--port", "0", *map(str, common)], capture_output=True, text=True,
                                 timeout=60)
        check(refused.returncode == 1 and
              re.search(r"zomertijd-wandeling\.nl\.md:5:9: pillar: expected one of social, culture, work", refused.stderr)
              and "nothing was written" in refused.stderr and "serving" not in refused.stdout,
              f"a content error at startup: exit {refused.returncode}, {refused.stderr.strip().splitlines()[:1]}")
        check(marker.is_file() and (site / PAGE.strip("/") / "index.html").read_bytes() == before,
              "the refused build left the site's folder as it was")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
