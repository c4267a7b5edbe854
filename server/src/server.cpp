#include <blendin/server/server.hpp>

#include <blendin/core/text.hpp>
#include <blendin/storage/sqlite_store.hpp>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <sys/resource.h>
#include <unistd.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "api.hpp"
#include "live_reload.hpp"
#include "static_files.hpp"
#include "watch.hpp"

namespace blendin::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// What a page may load: its own files and WebAssembly compiled from them;
// no inline script or style (the pages have none: the language chooser is a
// file of its own, and the explorer styles through the DOM), nothing from
// elsewhere, and no framing by other sites. The API's answers are data and
// may load nothing. In live preview, default-src 'self' is what lets
// /_blendin/live.js load and open its EventSource on /_blendin/live.
constexpr const char* page_policy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
constexpr const char* api_policy = "default-src 'none'; frame-ancestors 'none'";

struct Shared {
  Api api;
  SiteFiles files;
  std::size_t max_body_bytes;
  LiveReload* live = nullptr;  // set in live preview
  std::atomic<bool> stopping{false};
};

http::response<http::string_body> to_http(Response response, const http::request<http::string_body>& request, bool is_api) {
  http::response<http::string_body> answer{http::status(response.status), request.version()};
  answer.set(http::field::server, "blendin");
  if (!response.content_type.empty()) answer.set(http::field::content_type, response.content_type);
  answer.set("X-Content-Type-Options", "nosniff");
  answer.set("Referrer-Policy", "same-origin");
  answer.set("Content-Security-Policy", is_api ? api_policy : page_policy);
  if (is_api) answer.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : response.headers) answer.set(name, value);
  answer.keep_alive(request.keep_alive());
  answer.body() = std::move(response.body);
  answer.prepare_payload();
  if (request.method() == http::verb::head) answer.body().clear();
  return answer;
}

// One connection: requests read one after another (keep-alive), each answered
// before the next is read.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
    // The client's address, for the limits on writes: a connection's, asked once.
    beast::error_code error;
    const auto endpoint = stream_.socket().remote_endpoint(error);
    if (!error) client_ = endpoint.address().to_string();
  }

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    parser_->body_limit(shared_.max_body_bytes);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code error, std::size_t) {
    if (error == http::error::body_limit) {
      http::request<http::string_body> request{http::verb::post, "/", 11};
      request.keep_alive(false);
      return write(to_http(error_response(413, "",
                                          "the request is larger than " + std::to_string(shared_.max_body_bytes) +
                                              " bytes: expected a smaller body"),
                           request, true));
    }
    if (error) return close();  // the client left, timed out or sent what is not HTTP
    http::request<http::string_body> request = parser_->release();
    Request plain{std::string(request.method_string()),
                  std::string(request.target()),
                  std::string(request[http::field::content_type]),
                  std::string(request[http::field::authorization]),
                  std::move(request.body()),
                  client_,
                  std::string(request[http::field::origin])};
    const bool is_api = plain.target.rfind("/api/", 0) == 0;
    if (shared_.live && !shared_.stopping && LiveReload::is_stream_request(plain))
      return shared_.live->open_stream(std::move(stream_));  // the connection is the stream's from now on
    auto api_answer = shared_.api.handle(plain);
    Response response;
    if (api_answer) {
      response = std::move(*api_answer);
    } else if (!shared_.live) {
      response = shared_.files.serve(plain);
    } else if (auto script = LiveReload::script(plain)) {
      response = std::move(*script);
    } else {
      const auto build = shared_.live->build();  // before the page is read: it is at least this build
      response = shared_.files.serve(plain);
      LiveReload::add_script(response, build);
    }
    if (is_api && !api_answer && response.status == 404)
      response = error_response(404, "", "no such API address: " + core::quoted(plain.target.substr(0, plain.target.find('?'))));
    if (shared_.stopping) request.keep_alive(false);
    write(to_http(std::move(response), request, is_api));
  }

  // One answer at a time: the session owns it until it is written.
  void write(http::response<http::string_body> answer) {
    answer_ = std::move(answer);
    http::async_write(stream_, answer_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error || !self->answer_.keep_alive() || self->shared_.stopping) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> answer_;
  std::string client_;
  Shared& shared_;
};

// Connections are handed to the event loops in turn. Each loop runs on one
// thread, so a connection's work never crosses threads and needs no strand:
// the static-page goal (0.8 x nginx's rate, bench/goals.md) is not met with
// one loop shared by every thread.
void accept(tcp::acceptor& acceptor, const std::vector<std::unique_ptr<asio::io_context>>& loops, std::size_t next,
            Shared& shared) {
  acceptor.async_accept(loops[next]->get_executor(),
                        [&acceptor, &loops, next, &shared](beast::error_code error, tcp::socket socket) {
                          if (error) return;  // the acceptor was closed: the server is stopping
                          std::make_shared<Session>(std::move(socket), shared)->start();
                          accept(acceptor, loops, (next + 1) % loops.size(), shared);
                        });
}

}  // namespace

void run_server(const ServerOptions& options, const std::function<void(unsigned short port)>& ready) {
  auto store = storage::open_sqlite_store(options.database);
  Shared shared{Api(*store, options.context, {options.writes_per_minute, options.coordinator_token_hash, options.allowed_origin}),
                SiteFiles(std::filesystem::canonical(options.site_dir)), options.max_body_bytes};
  shared.api.seed(options.demo_people);
  // Live preview: a thread of its own waits for changes and rebuilds, so that
  // the worker threads keep serving the last good site meanwhile.
  std::optional<LiveReload> live;
  std::optional<FolderWatch> watch;
  if (options.live) {
    watch.emplace(options.live->watched);
    shared.live = &live.emplace();
  }
  std::vector<std::unique_ptr<asio::io_context>> loops;
  for (unsigned i = 0; i < std::max(1u, options.threads); ++i) loops.push_back(std::make_unique<asio::io_context>(1));
  asio::io_context& io = *loops.front();
  // A loop with no connection yet keeps running until the server stops.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  for (auto& loop : loops) keep_running.push_back(asio::make_work_guard(*loop));
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(asio::ip::make_address(options.bind), options.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  // SIGTERM or SIGINT: accept no more, let the requests in flight be answered,
  // then stop; a connection that stays idle is closed after a short grace.
  asio::signal_set signals(io, SIGINT, SIGTERM);
  asio::steady_timer grace(io);
  signals.async_wait([&](beast::error_code, int) {
    shared.stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    if (live) live->close_all();
    if (watch) watch->stop();
    for (auto& guard : keep_running) guard.reset();
    grace.expires_after(std::chrono::seconds(2));
    grace.async_wait([&](beast::error_code) {
      for (auto& loop : loops) loop->stop();
    });
  });
  accept(acceptor, loops, 0, shared);
  ready(acceptor.local_endpoint().port());
  std::vector<std::thread> threads;
  threads.reserve(loops.size() + 2);  // the loops', the watch's and the builder's
  // The full builds, on a thread of their own so that a preview is never
  // behind one: asked for after each burst, coalesced while one runs.
  std::mutex build_mutex;
  std::condition_variable build_asked;
  bool build_wanted = false, watching = true;
  // The site paths written by full builds whose outcome the pages were not
  // told (a newer preview showed meanwhile), told with the next one's.
  std::optional<std::vector<std::string>> untold = std::vector<std::string>{};
  if (options.live) {
    threads.emplace_back([&] {
      try {
        while (watch->wait_for_changes()) {
          std::optional<Rebuilt> previewed;
          try {
            previewed = options.live->preview(watch->take_changes());
          } catch (const core::Refused& refused) {
            previewed = Rebuilt{refused.problems(), {}};
          } catch (const std::exception&) {
            previewed.reset();  // the full build says what is wrong
          }
          if (previewed) live->publish(*previewed);
          // A content error in the edited file: the full build would refuse it too.
          if (previewed && !previewed->problems.empty()) continue;
          std::lock_guard lock(build_mutex);
          build_wanted = true;
          build_asked.notify_one();
        }
      } catch (const std::exception& error) {  // inotify failed: the site is served, no longer rebuilt
        std::fprintf(stderr, "blendin: no longer watching for changes: %s\n", error.what());
        live->publish(Rebuilt{{core::Problem{.message = std::string("no longer watching for changes: ") + error.what()}}, {}});
      }
      std::lock_guard lock(build_mutex);
      watching = false;
      build_asked.notify_one();
    });
    threads.emplace_back([&] {
      // Below the threads that serve and preview (its worker threads inherit
      // the niceness): the page a preview reloads loads while a build runs.
      ::setpriority(PRIO_PROCESS, ::gettid(), 10);
      for (;;) {
        {
          std::unique_lock lock(build_mutex);
          build_asked.wait(lock, [&] { return build_wanted || !watching; });
          // A moment for the pages a preview reloaded to load, and for more saves.
          build_asked.wait_for(lock, std::chrono::milliseconds(500), [&] { return !watching; });
          if (!watching) return;  // stopping: a build under way was finished, no other starts
          build_wanted = false;
        }
        Rebuilt built;
        try {
          built = options.live->rebuild();
        } catch (const core::Refused& refused) {
          built.problems = refused.problems();
        } catch (const std::exception& error) {
          built.problems = {core::Problem{.message = error.what()}};
        }
        std::lock_guard lock(build_mutex);
        if (built.problems.empty() && untold) {
          if (built.changed)
            untold->insert(untold->end(), built.changed->begin(), built.changed->end());
          else
            untold.reset();  // any path
        }
        if (build_wanted) continue;  // the pages show a newer preview: its full build follows
        if (built.problems.empty()) built.changed = std::exchange(untold, std::vector<std::string>{});
        live->publish(built);
      }
    });
  }
  for (std::size_t i = 1; i < loops.size(); ++i) threads.emplace_back([&loop = *loops[i]] { loop.run(); });
  io.run();
  for (auto& thread : threads) thread.join();
}

}  // namespace blendin::server
