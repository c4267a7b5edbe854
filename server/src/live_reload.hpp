// Live preview: open pages learn of each rebuild of the site through
// server-sent events (GET /_blendin/live) and reload, or show the rebuild's
// problems over the last good page. Only `blendin serve` while it watches
// the content adds this; the built site never holds it.
#pragma once

#include <blendin/core/problem.hpp>
#include <blendin/server/server.hpp>

#include <boost/beast/core/tcp_stream.hpp>

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "responses.hpp"

namespace blendin::server {

class LiveStream;

class LiveReload {
 public:
  // Streams beyond this are answered 503. A stream holds no thread, only its
  // socket and the events queued for it; the limit bounds sockets and memory.
  static constexpr std::size_t max_streams = 64;

  // The path of the event stream, and of the script every page gets.
  static bool is_stream_request(const Request& request);
  // GET or HEAD of /_blendin/live.js: the script, from memory.
  static std::optional<Response> script(const Request& request);

  // The number of the site's last good build; read it before reading a page
  // from the site, so that a page never claims a newer build than its own.
  unsigned long build() const;
  // Adds <script src="/_blendin/live.js" data-build="N" defer> before the
  // page's last </body> (at its end when it has none), in memory.
  static void add_script(Response& page, unsigned long build);

  // Takes over a connection that asked for the stream (on its strand): the
  // answer's header, then the last build's number (event `hello`) and, when
  // the last rebuild failed, its problems; then each rebuild's outcome.
  void open_stream(boost::beast::tcp_stream stream);
  // After a preview or a rebuild: `reload` with {"build": the new build's
  // number, "changed": the paths written anew, or null} when there are no
  // problems (a page reloads when it is concerned), else `problems` with
  // their text as a JSON list of strings (not sent again when they are the
  // last ones sent). From any thread.
  void publish(const Rebuilt& rebuilt);
  // Ends every stream (the server is stopping); later ones are refused.
  void close_all();

 private:
  mutable std::mutex mutex_;
  std::vector<std::weak_ptr<LiveStream>> streams_;
  unsigned long build_ = 1;
  std::string problems_event_;  // the last rebuild's, empty when it succeeded
  bool closed_ = false;
};

}  // namespace blendin::server
