#!/usr/bin/env bash
# A standalone single-node Kafka broker (KRaft, broker and controller in one process) for local fleets and
# tests, run from the Apache Kafka jars on Maven Central: no Docker, no Kafka download.
#
#   deploy/kafka/broker.sh start  [--port 9092] [--controller-port P] [--dir .eksfleet-kafka]
#                                                                         # formats the storage on first start;
#                                                                         # the controller listens on P (default port+1)
#   deploy/kafka/broker.sh stop   [--dir ...]                              # SIGTERM, waits for a clean shutdown
#   deploy/kafka/broker.sh status [--dir ...]                              # exit 0 when it answers on its port
#
# The jars come from `./mvnw -pl deploy package` (run on first use). Data, config, log and pid live in --dir,
# so a stopped broker starts again with its topics and offsets.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lib="$root/deploy/target/kafka/lib"

command="${1:-}"
shift || true
port=9092
controller=""
dir="$PWD/.eksfleet-kafka"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --controller-port) controller="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "broker.sh: unknown option $1 (see the header of $0)" >&2; exit 1 ;;
  esac
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
pidfile="$dir/broker.pid"

java_bin() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

configured_port() {
  sed -n 's#^listeners=PLAINTEXT://[^:]*:\([0-9]*\),.*#\1#p' "$dir/server.properties"
}

case "$command" in
  start)
    if running; then
      echo "broker.sh: already running (pid $(cat "$pidfile")) on port $(configured_port)"
      exit 0
    fi
    if [ ! -d "$lib" ]; then
      echo "broker.sh: fetching the Kafka jars (./mvnw -pl deploy package)" >&2
      (cd "$root" && ./mvnw -q -B -pl deploy package)
    fi
    if [ ! -f "$dir/server.properties" ]; then
      controller="${controller:-$((port + 1))}"
      cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=6
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
      cluster_id="$("$(java_bin)" -cp "$lib/*" kafka.tools.StorageTool random-uuid)"
      "$(java_bin)" -cp "$lib/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
        || { echo "broker.sh: formatting the storage failed, see $dir/format.log" >&2; exit 1; }
    fi
    port="$(configured_port)"
    if answers "$port"; then
      echo "broker.sh: port $port is taken by another process; pick another with --port (and a new --dir)" >&2
      exit 1
    fi
    # C1 only, as eksfleet's own roles: a local fleet's scans are bursts, and C2 spent more CPU compiling the broker
    # during its first scans than the broker spent on their records.
    nohup "$(java_bin)" -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$lib/*" kafka.Kafka "$dir/server.properties" >"$dir/broker.log" 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 1 120); do
      if answers "$port"; then
        echo "broker.sh: Kafka on 127.0.0.1:$port (pid $(cat "$pidfile"), data in $dir)"
        exit 0
      fi
      if ! running; then
        echo "broker.sh: the broker exited, see $dir/broker.log" >&2
        exit 1
      fi
      sleep 0.5
    done
    echo "broker.sh: the broker did not open port $port within 60 s, see $dir/broker.log" >&2
    exit 1
    ;;
  stop)
    if ! running; then
      echo "broker.sh: not running"
      rm -f "$pidfile"
      exit 0
    fi
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 60); do
      if ! kill -0 "$pid" 2>/dev/null; then
        rm -f "$pidfile"
        echo "broker.sh: stopped"
        exit 0
      fi
      sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
    echo "broker.sh: killed after 30 s"
    ;;
  status)
    if running && answers "$(configured_port)"; then
      echo "broker.sh: running (pid $(cat "$pidfile")) on 127.0.0.1:$(configured_port)"
      exit 0
    fi
    echo "broker.sh: not running"
    exit 3
    ;;
  *)
    echo "usage: deploy/kafka/broker.sh start|stop|status [--port 9092] [--dir DIR]" >&2
    exit 1
    ;;
esac
