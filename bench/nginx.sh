# nginx from Debian (nginx-light, installed when missing) serving a built
# site on 127.0.0.1, for the benchmarks that measure against it or through it.
# Sourced; usage: start_nginx SITE PORT WORK WORKERS [HTTP_DIRECTIVES]
# writes WORK/nginx.conf, starts nginx in the background and returns once
# /nl/ answers; sets nginx_pid (for the caller's cleanup) and nginx_binary.
start_nginx() {
  local site=$1 port=$2 work=$3 workers=$4 directives=${5:-}
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
  nginx_binary=$(command -v nginx || echo /usr/sbin/nginx)
  cat >"$work/nginx.conf" <<CONF
worker_processes $workers;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
$directives
  server { listen 127.0.0.1:$port; root $site; error_page 404 /404.html; }
}
CONF
  chmod -R a+rX "$work"  # nginx's workers run as another user
  "$nginx_binary" -c "$work/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  for _ in $(seq 50); do curl -fso /dev/null "http://127.0.0.1:$port/nl/" && break; sleep 0.1; done
}
