// `blendin COMMAND --help`: what a command does, its options and examples, in
// the manner of git's and hugo's. The one-line summaries of `blendin --help`
// are in main.cpp's table of commands.
#include "commands.hpp"

namespace blendin::cli {

namespace {

struct CommandHelp {
  std::string_view words;
  std::string_view text;
};

constexpr CommandHelp command_helps[] = {
    {"build", R"(usage: blendin build [--content DIR] [--templates DIR] [--static DIR] [--out DIR]
                     [--now TIME] [--drafts] [--future] [--jobs N] [--progress] [--quiet]

Builds the site (every language, events, feeds, calendars, the JSON API) from
the Markdown in --content into --out. A content error names file:line:column
and nothing is written; the previous site stays as it was.

  --content DIR     the content folder (default: content)
  --templates DIR   the templates folder (default: templates)
  --static DIR      files copied beside the site as they are
  --out DIR         the output folder (default: public): new, empty, or a site
                    that blendin built; never a folder that holds sources
  --now TIME        the build's "now", 2026-11-28T12:00: the same content,
                    templates and --now give the same bytes
  --drafts          also build pages marked draft: true
  --future          also build pages dated after --now
  --jobs N          threads (default: every core)
  --progress        print each stage
  --quiet           print nothing on success

examples:
  blendin build
  blendin build --out /tmp/site --now 2026-11-28T12:00
)"},
    {"check", R"(usage: blendin check [--content DIR] [--templates DIR] [--static DIR] [--now TIME]
                     [--drafts] [--future] [--jobs N] [--progress]

Checks the content as a build would, writes nothing, and prints every error
as file:line:column with what was expected, then which pages exist in which
language.

examples:
  blendin check
  blendin check --content ../my-content
)"},
    {"new", R"(usage: blendin new event SLUG [--lang nl] [--content DIR] [--templates DIR] [--now TIME]

Writes a ready-to-fill event file under content/events/ (beside the event's
other languages when it has some), marked draft: true: every field an event
can have, each under a note in the --lang language (the notes come from
--templates, by default the templates folder beside the content folder:
i18n/new-event.yaml). Fill it in, remove the draft line, then run blendin check.

examples:
  blendin new event taalcafe-utrecht
  blendin new event conversation-afternoon --lang en
)"},
    {"serve", R"(usage: blendin serve [--content content] [--templates DIR] [--static DIR] [--site public]
                     [--now T] [--drafts] [--future] [--no-watch] [--no-build]
                     [--port 8080] [--bind 127.0.0.1] [--db var/blendin.sqlite]

Builds the site into --site as `blendin build` does (a content error is printed
and nothing is served), then serves it with the JSON API under /api/v1/
(docs/api.md), and watches the content and the templates: each save rebuilds
the site, and every page open in a browser reloads by itself, or, when the
content has a mistake, shows it (file:line:column) over the last good page
(docs/editing.md, "Live preview"). The built files never hold the reload
script; the server adds it to the pages it sends while it watches.
People register, read, change and erase their own profile with the token they
are given once; registrations are kept in one SQLite file (docs/storage.md)
and checked against the taxonomy in the content's data/. SIGTERM or Ctrl-C
lets the requests in flight (and a rebuild under way) finish, then stops.

  --content DIR   the content (default content); also where data/ is
  --templates DIR the templates (default: templates beside the content)
  --static DIR    built files copied to the site's root, as blendin build --static (not watched)
  --site DIR      where the site is built and served from (default public)
  --now T         the build's clock, as blendin build --now
  --drafts        also build pages marked draft: true
  --future        also build pages dated after --now
  --no-watch      build once and serve, without rebuilding or reloading pages
  --no-build      serve the site already in --site as it is (implies --no-watch)
  --port N        the port (default 8080; 0 takes a free one and prints it)
  --bind ADDRESS  the address to listen on (default 127.0.0.1)
  --db FILE       the SQLite file, created when missing (default var/blendin.sqlite)
  --writes-per-minute N
                  changes one address may make a minute (default 120; more: 429)
  --demo-people N  when the database holds nobody, register N invented people (the
                  demo pool, seed 1), visible, so that matches have someone to show
  --coordinator-token-hash HEX
                  SHA-256 of the coordinators' token (printf %s "$TOKEN" | sha256sum),
                  which opens /api/v1/admin/; without it nobody can use those
  --origin URL    the site's origin when its pages are served elsewhere (a CDN,
                  https://blendin.nl): its pages alone may call the API (CORS)

examples:
  blendin serve                       # build, serve http://127.0.0.1:8080/, rebuild on save
  blendin build && blendin serve --no-build
  blendin serve --port 0 --db /tmp/test.sqlite
)"},
    {"demo-data", R"(usage: blendin demo-data [--profiles N] [--seed S] [--year Y] [--newcomer-share F] [--content DIR]

Writes a synthetic pool of invented people (never real ones) as JSON on
standard output: Dutch cities, plausible ages and languages, interests from
content/data. The same options give the same bytes.

  --profiles N        how many people (default 1000)
  --seed S            the random seed (default 1)
  --year Y            the pool's reference year (default 2026)
  --newcomer-share F  each person's chance to be a newcomer (default 0.45)
  --content DIR       where data/ is (default: content)

examples:
  blendin demo-data --profiles 2000 --seed 1 > pool.json
)"},
    {"match top", R"(usage: blendin match top --pool FILE (--profile ID | --profile-file FILE) [-k 10]
                         [--pillar P] [--max-distance KM] [--min-score S] [--min-age A]
                         [--max-age A] [--language CODE] [--same-meeting-style]

Prints the k best matches for a person as JSON, best first, each with its
score and explanation (docs/wire-format.md). When nobody fits, it prints []
and says on standard error why, and what one change would do.

  --profile ID          a person of the pool
  --profile-file FILE   a person not in the pool, in the wire format
  -k N                  how many (0 to 1000, default 10)
  --pillar P            only this pillar: social, culture or work
  --max-distance KM     closer than the person's own maximum (0 to 300)
  --min-score S         a score of at least S (0 to 1)
  --min-age A, --max-age A
                        candidates of these ages (16 to 110)
  --language CODE       only candidates the person can talk with in it
  --same-meeting-style  alone and with friends do not mix

examples:
  blendin match top --pool pool.json --profile p0000001 -k 10
  blendin match top --pool pool.json --profile-file visitor.json --pillar work
)"},
    {"match events", R"(usage: blendin match events --pool FILE --events FILE (--profile ID | --profile-file FILE)
                            [-k 5] [--now TIME]

Suggests upcoming events for a person from the site's events.json, best first:
a wanted pillar, shared interests, distance, how soon, and a language they
speak (or are learning, where the event welcomes beginners).

examples:
  blendin match events --pool pool.json --events public/api/v1/events.json --profile p0000001 \
    --now 2026-11-28T12:00:00Z
)"},
    {"match assign", R"(usage: blendin match assign --pool FILE [--mode max|coverage|stable] [--capacity N]
                            [--pillar P] [--candidates K] [--waiting-weight W]
                            [--forbid FILE] [--force FILE] [--format json|csv]
                            [--out FILE] [--unmatched-out FILE] [--timings]

Pairs newcomers with locals for coordinators to phone, optimally for the
mode: max (the highest total score), coverage (as many newcomers as possible,
then the highest total), stable (no pair would both rather have each other).
Everyone left unmatched comes with the reason. docs/assignment.md.

  --capacity N        every local's capacity (1 to 3) instead of their own
  --pillar P          a round of one pillar (work: scored by Work fit)
  --candidates K      each person's top K candidates only (default: all)
  --waiting-weight W  priority for waiting time (0 to 1, default 0.1)
  --forbid FILE, --force FILE
                      CSV of newcomer_id,local_id pairs never or always made
  --format json|csv   the pairs as JSON (default) or CSV for a spreadsheet
  --out FILE          write there instead of standard output
  --unmatched-out FILE
                      who is left out, and why, as CSV
  --timings           print how long each stage took

examples:
  blendin match assign --pool pool.json --mode coverage
  blendin match assign --pool pool.json --format csv --out pairs.csv --unmatched-out unmatched.csv
)"},
    {"match scores", R"(usage: blendin match scores --pool FILE [--out FILE]

Writes every admissible newcomer-local pair with its score as CSV.

examples:
  blendin match scores --pool pool.json > pairs.csv
)"},
};

}  // namespace

std::string_view command_help(std::string_view words) {
  for (const CommandHelp& help : command_helps)
    if (help.words == words) return help.text;
  return {};
}

}  // namespace blendin::cli
