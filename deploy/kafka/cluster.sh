#!/usr/bin/env bash
# A local Kafka cluster of N KRaft nodes (each broker and controller in one process, every node a voter of the
# controller quorum), run from the Apache Kafka jars on Maven Central like broker.sh, which starts each node.
#
#   deploy/kafka/cluster.sh start  [--nodes 3] [--port 19092] [--dir .eksfleet-kafka-cluster]
#       node N (1..nodes) listens on port+N-1, its controller on port+nodes+N-1;
#       or give every port: --ports P1,P2,P3 --controller-ports C1,C2,C3
#       formats the nodes' storage (one cluster id) on first start; later starts keep topics and offsets
#   deploy/kafka/cluster.sh stop   [--dir ...]            # SIGTERM to every node, waits for clean shutdowns
#   deploy/kafka/cluster.sh status [--dir ...]            # one line a node; exit 0 when every node answers
#   deploy/kafka/cluster.sh stop-node  N [--dir ...]      # one node, cleanly (a rolling restart's step)
#   deploy/kafka/cluster.sh kill-node  N [--dir ...]      # one node, SIGKILL (a crash)
#   deploy/kafka/cluster.sh start-node N [--dir ...]      # one node again, with its data
#
# Each node has its own directory, DIR/node-N (config, data, log, pid). The bootstrap servers are printed on
# start and kept in DIR/bootstrap.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lib="$root/deploy/target/kafka/lib"

command="${1:-}"
shift || true
node=""
case "$command" in
  stop-node|kill-node|start-node) node="${1:-}"; shift || true ;;
esac
nodes=3
port=19092
ports=""
controller_ports=""
dir="$PWD/.eksfleet-kafka-cluster"
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --ports) ports="$2"; shift 2 ;;
    --controller-ports) controller_ports="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "cluster.sh: unknown option $1 (see the header of $0)" >&2; exit 1 ;;
  esac
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

java_bin() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# The nodes of an existing cluster, from their directories.
node_ids() {
  for d in "$dir"/node-*; do
    [ -d "$d" ] && echo "${d##*/node-}"
  done | sort -n
}

# The N-th (1-based) element of a comma-separated list.
nth() {
  echo "$1" | cut -d, -f"$2"
}

configure() {
  if [ -z "$ports" ]; then
    ports="$(seq -s, "$port" $((port + nodes - 1)))"
  fi
  if [ -z "$controller_ports" ]; then
    controller_ports="$(seq -s, $((port + nodes)) $((port + 2 * nodes - 1)))"
  fi
  local voters="" bootstrap="" i
  for i in $(seq 1 "$nodes"); do
    voters="${voters:+$voters,}$i@127.0.0.1:$(nth "$controller_ports" "$i")"
    bootstrap="${bootstrap:+$bootstrap,}127.0.0.1:$(nth "$ports" "$i")"
  done
  # Replicated internal topics, as on a production cluster. min.insync.replicas stays the broker default (1):
  # eksfleet sets it on its own topics (docs/topics.md).
  local replication=$((nodes < 3 ? nodes : 3))
  local min_isr=$((replication < 3 ? 1 : 2))
  # A Kafka cluster id: 16 random bytes in URL-safe base64 without padding (what StorageTool random-uuid prints).
  local cluster_id
  cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c 1-22)"
  local formats=() failed=0
  for i in $(seq 1 "$nodes"); do
    local d="$dir/node-$i" p c
    p="$(nth "$ports" "$i")"
    c="$(nth "$controller_ports" "$i")"
    mkdir -p "$d"
    cat > "$d/server.properties" <<PROPS
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$p,CONTROLLER://127.0.0.1:$c
advertised.listeners=PLAINTEXT://127.0.0.1:$p
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$d/data
num.partitions=6
default.replication.factor=$replication
offsets.topic.replication.factor=$replication
transaction.state.log.replication.factor=$replication
transaction.state.log.min.isr=$min_isr
share.coordinator.state.topic.replication.factor=$replication
share.coordinator.state.topic.min.isr=$min_isr
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
    "$(java_bin)" -cp "$lib/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$d/server.properties" >"$d/format.log" 2>&1 &
    formats+=($!)
  done
  for i in "${!formats[@]}"; do
    wait "${formats[$i]}" || failed=1
  done
  if [ $failed -ne 0 ]; then
    echo "cluster.sh: formatting the nodes failed, see $dir/node-*/format.log" >&2
    exit 1
  fi
  echo "$bootstrap" > "$dir/bootstrap"
}

# broker.sh runs each node: its config exists, so it starts the node without formatting it.
broker() {
  "$here/broker.sh" "$1" --dir "$dir/node-$2"
}

# Starts the given nodes together: a node waits for a quorum of voters before it serves.
start_nodes() {
  local pids=() i failed=0
  for i in "$@"; do
    broker start "$i" >"$dir/node-$i.start.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || failed=1
  done
  cat "$dir"/node-*.start.log
  rm -f "$dir"/node-*.start.log
  return $failed
}

case "$command" in
  start)
    if [ ! -d "$lib" ]; then
      echo "cluster.sh: fetching the Kafka jars (./mvnw -pl deploy package)" >&2
      (cd "$root" && ./mvnw -q -B -pl deploy package)
    fi
    if [ ! -f "$dir/bootstrap" ]; then
      configure
    fi
    # shellcheck disable=SC2046
    start_nodes $(node_ids) || { echo "cluster.sh: a node did not start, see $dir/node-*/broker.log" >&2; exit 1; }
    echo "cluster.sh: Kafka cluster of $(node_ids | wc -l) nodes on $(cat "$dir/bootstrap")"
    ;;
  stop)
    for i in $(node_ids); do
      broker stop "$i" &
    done
    wait
    ;;
  status)
    down=0
    for i in $(node_ids); do
      broker status "$i" | sed "s/^broker.sh:/node $i:/" || down=1
    done
    exit $down
    ;;
  stop-node)
    broker stop "$node"
    ;;
  kill-node)
    pidfile="$dir/node-$node/broker.pid"
    if [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null; then
      echo "cluster.sh: node $node killed"
    else
      echo "cluster.sh: node $node was not running"
    fi
    rm -f "$pidfile"
    ;;
  start-node)
    broker start "$node"
    ;;
  *)
    echo "usage: deploy/kafka/cluster.sh start|stop|status|stop-node N|kill-node N|start-node N [--nodes 3] [--port 19092] [--dir DIR]" >&2
    exit 1
    ;;
esac
