// [SECTION] The script every page gets
// [SECTION] One open stream
// [SECTION] The streams of every open page
#include "live_reload.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/json.hpp>

#include <array>
#include <deque>

namespace blendin::server {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

// [SECTION] The script every page gets

// Opens the event stream; updates the page when a preview or build wrote its
// own file anew, or the site's assets (a build that wrote neither leaves it
// as it is, so an edited page updates once: after its preview, not again
// after the full build), and reloads it when the site's last good build is not the one
// the page came from on connecting (data-build of its script tag), which also
// covers a rebuild that ended while the page was loading; shows a rebuild's
// problems in a box over the page (text only, never markup) and removes it
// when a later build succeeds. EventSource reconnects by itself when the
// server restarts.
constexpr std::string_view live_script = R"js(// blendin serve: live preview.
(() => {
  const built = document.currentScript ? document.currentScript.dataset.build : '';
  const boxId = 'blendin-live-problems';
  const hide = () => { const box = document.getElementById(boxId); if (box) box.remove(); };
  const show = (problems) => {
    hide();
    const box = document.createElement('div');
    box.id = boxId;
    box.setAttribute('role', 'alert');
    box.dir = 'ltr';
    Object.assign(box.style, {
      position: 'fixed', left: '1rem', right: '1rem', bottom: '1rem', zIndex: '2147483647',
      maxHeight: '60vh', overflow: 'auto', boxSizing: 'border-box', padding: '1rem 1.25rem',
      background: '#fff', color: '#1a1a1a', border: '3px solid #b00020', borderRadius: '8px',
      boxShadow: '0 6px 30px rgba(0, 0, 0, 0.35)', font: '16px/1.5 system-ui, sans-serif', textAlign: 'left',
    });
    const heading = document.createElement('p');
    heading.textContent = 'De site is niet opnieuw gebouwd · The site was not rebuilt. ' +
      'Je ziet de laatste goede versie · This is the last good version.';
    Object.assign(heading.style, { margin: '0 0 0.5rem', fontWeight: 'bold' });
    const list = document.createElement('pre');
    list.textContent = problems.join('\n');
    Object.assign(list.style, { margin: '0 0 0.75rem', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere',
                                font: '15px/1.5 ui-monospace, monospace' });
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Sluiten · Close';
    Object.assign(close.style, { font: 'inherit', padding: '0.25rem 0.75rem', cursor: 'pointer' });
    close.addEventListener('click', hide);
    box.append(heading, list, close);
    document.body.append(box);
  };
  document.addEventListener('keydown', (event) => { if (event.key === 'Escape') hide(); });
  let current = built;
  let own = decodeURIComponent(location.pathname.slice(1));
  if (own === '' || own.endsWith('/')) own += 'index.html';
  const concerns = (changed) => changed === null ||
    changed.some((path) => path === own || path.startsWith('assets/') || path.startsWith('explorer/'));
  const source = new EventSource('/_blendin/live');
  source.addEventListener('hello', (event) => {
    hide();
    if (event.data !== current) location.reload();
  });
  // The page's new text put in place of its body, which is quicker than a
  // reload (no navigation, the styles kept); a page that runs scripts of its
  // own (the match explorer), or whose stylesheets changed, is reloaded.
  const stylesheets = (doc) => [...doc.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.href).join(' ');
  const ownScripts = (doc) => [...doc.querySelectorAll('script[src]')].some((s) => !s.src.includes('/_blendin/'));
  const refresh = async () => {
    try {
      const response = await fetch(location.href, { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const next = new DOMParser().parseFromString(await response.text(), 'text/html');
      if (ownScripts(document) || ownScripts(next) || stylesheets(next) !== stylesheets(document)) throw new Error('reload');
      document.title = next.title;
      document.body.replaceWith(document.adoptNode(next.body));
      console.info('blendin serve: page updated');
    } catch {
      location.reload();
    }
  };
  source.addEventListener('reload', (event) => {
    hide();
    const { build, changed } = JSON.parse(event.data);
    if (String(build) === current) return;
    current = String(build);
    if (concerns(changed)) refresh();
  });
  source.addEventListener('problems', (event) => show(JSON.parse(event.data)));
})();
)js";

std::string event_text(std::string_view name, std::string_view data) {
  return "event: " + std::string(name) + "\ndata: " + std::string(data) + "\n\n";
}

}  // namespace

bool LiveReload::is_stream_request(const Request& request) {
  return request.method == "GET" && request.target.substr(0, request.target.find('?')) == "/_blendin/live";
}

std::optional<Response> LiveReload::script(const Request& request) {
  if ((request.method != "GET" && request.method != "HEAD") ||
      request.target.substr(0, request.target.find('?')) != "/_blendin/live.js")
    return std::nullopt;
  Response response{200, "text/javascript", std::string(live_script)};
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

void LiveReload::add_script(Response& page, unsigned long build) {
  if (page.content_type.rfind("text/html", 0) != 0) return;
  const std::string tag = "<script src=\"/_blendin/live.js\" data-build=\"" + std::to_string(build) + "\" defer></script>";
  const auto body_end = page.body.rfind("</body>");
  page.body.insert(body_end == std::string::npos ? page.body.size() : body_end, tag);
  // A page is made anew by each rebuild; the browser asks again on reload.
  page.headers.emplace_back("Cache-Control", "no-store");
}

// [SECTION] One open stream

// A connection answering GET /_blendin/live: a header, then events as they
// come, until the client leaves or the server stops. Everything it does runs
// on its connection's strand; other threads post to it.
class LiveStream : public std::enable_shared_from_this<LiveStream> {
 public:
  explicit LiveStream(beast::tcp_stream stream) : stream_(std::move(stream)) { stream_.expires_never(); }

  // Sends `first`; with `then_close`, ends the connection once it is sent.
  void start(std::string first, bool then_close = false) {
    close_when_sent_ = then_close;
    send(std::move(first));
    notice_close();
  }
  void post(std::string text) {
    asio::post(stream_.get_executor(),
               [self = shared_from_this(), text = std::move(text)]() mutable { self->send(std::move(text)); });
  }
  void post_close() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->close(); });
  }

 private:
  // A client that reads nothing for this many events is let go.
  static constexpr std::size_t max_queued = 16;

  void send(std::string text) {
    if (closed_) return;
    if (queue_.size() >= max_queued) return close();
    queue_.push_back(std::move(text));
    if (queue_.size() == 1) write_front();
  }
  void write_front() {
    asio::async_write(stream_, asio::buffer(queue_.front()), [self = shared_from_this()](beast::error_code error, std::size_t) {
      self->queue_.pop_front();
      if (error || (self->queue_.empty() && self->close_when_sent_)) return self->close();
      if (!self->closed_ && !self->queue_.empty()) self->write_front();
    });
  }
  // A client sends nothing on this connection; a read ends when it leaves.
  void notice_close() {
    stream_.async_read_some(asio::buffer(ignored_), [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return self->close();
      self->notice_close();
    });
  }
  void close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ignored;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  std::deque<std::string> queue_;
  std::array<char, 256> ignored_{};
  bool closed_ = false;
  bool close_when_sent_ = false;
};

// [SECTION] The streams of every open page

unsigned long LiveReload::build() const {
  std::lock_guard lock(mutex_);
  return build_;
}

void LiveReload::open_stream(beast::tcp_stream stream) {
  // An answer without a length, ended by closing the connection, as the
  // event-stream format expects; the policy of the API's answers, since an
  // event stream loads nothing.
  std::string text =
      "HTTP/1.1 200 OK\r\nServer: blendin\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
      "X-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n"
      "Connection: close\r\n\r\nretry: 1000\n\n";
  auto live = std::make_shared<LiveStream>(std::move(stream));
  {
    std::lock_guard lock(mutex_);
    std::erase_if(streams_, [](const auto& stream) { return stream.expired(); });
    if (closed_ || streams_.size() >= max_streams) {
      live->start(
          "HTTP/1.1 503 Service Unavailable\r\nServer: blendin\r\nContent-Type: text/plain; charset=utf-8\r\n"
          "Content-Length: 40\r\nConnection: close\r\n\r\ntoo many live previews open: close some\n",
          true);
      return;
    }
    streams_.push_back(live);
    text += event_text("hello", std::to_string(build_)) + problems_event_;
  }
  // On this connection's strand: a rebuild published meanwhile was posted to
  // it and is sent after these.
  live->start(std::move(text));
}

void LiveReload::publish(const Rebuilt& rebuilt) {
  std::vector<std::shared_ptr<LiveStream>> open;
  std::string text;
  {
    std::lock_guard lock(mutex_);
    if (rebuilt.problems.empty()) {
      ++build_;
      problems_event_.clear();
      boost::json::value changed = nullptr;
      if (rebuilt.changed) {
        boost::json::array paths;
        for (const auto& path : *rebuilt.changed) paths.emplace_back(path);
        changed = std::move(paths);
      }
      text = event_text("reload", boost::json::serialize(boost::json::object{{"build", build_}, {"changed", changed}}));
    } else {
      boost::json::array lines;
      for (const auto& problem : rebuilt.problems) lines.emplace_back(problem.to_string());
      text = event_text("problems", boost::json::serialize(lines));
      // The same problems again (the full build after a refused preview): the
      // pages show them already, and an overlay closed stays closed.
      if (text == problems_event_) return;
      problems_event_ = text;
    }
    for (const auto& stream : streams_)
      if (auto alive = stream.lock()) open.push_back(std::move(alive));
  }
  for (const auto& stream : open) stream->post(text);
}

void LiveReload::close_all() {
  std::vector<std::shared_ptr<LiveStream>> open;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    for (const auto& stream : streams_)
      if (auto alive = stream.lock()) open.push_back(std::move(alive));
    streams_.clear();
  }
  for (const auto& stream : open) stream->post_close();
}

}  // namespace blendin::server
