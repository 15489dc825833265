# Shared by .ci/run and scripts/stack: the JDK, and RabbitMQ and Redis answering on 127.0.0.1.
# Source it; it defines functions and sets JAVA_HOME.

# Java 25: this machine's default java may be older.
if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -z "${JAVA_HOME:-}" ]; then
  echo "Sluice needs Java 25: set JAVA_HOME to a JDK 25." >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"

# answers HOST PORT: true when something accepts TCP connections there.
answers() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# await_port NAME PORT SECONDS
await_port() {
  local name=$1 port=$2 seconds=$3
  for _ in $(seq 1 "$seconds"); do
    answers 127.0.0.1 "$port" && return 0
    sleep 1
  done
  echo "$name did not come up on 127.0.0.1:$port within ${seconds}s" >&2
  return 1
}

apt_install() {
  if [ -z "${SLUICE_APT_UPDATED:-}" ]; then
    apt-get update -qq
    export SLUICE_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_rabbitmq() {
  answers 127.0.0.1 5672 && return 0
  echo "RabbitMQ is not answering on 127.0.0.1:5672: starting it"
  command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
  rabbitmq-server -detached
  await_port RabbitMQ 5672 120
  rabbitmqctl await_startup >/dev/null 2>&1 || true
}

ensure_redis() {
  answers 127.0.0.1 6379 && return 0
  echo "Redis is not answering on 127.0.0.1:6379: starting it"
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/sluice.log
  await_port Redis 6379 30
}

# HAProxy: the local stack's load balancer, and what the deployment tests check its
# configuration with (haproxy -c).
ensure_haproxy() {
  command -v haproxy >/dev/null && return 0
  echo "Installing HAProxy"
  apt_install haproxy
  # Debian starts its own instance; Sluice runs its own configurations
  (service haproxy stop || pkill -x haproxy) >/dev/null 2>&1 || true
}

# Node.js and npm: the deployment tests run the npm validators of deploy/validate.
ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  echo "Installing Node.js and npm"
  apt_install nodejs npm
}
