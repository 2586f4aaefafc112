#!/bin/sh
# Network setup of the sink container (network mode "none": loopback only), then the sink.
# Runs with CAP_NET_ADMIN + CAP_NET_RAW only. The sample container joins this namespace without
# capabilities, so it cannot undo any of this.
set -eu
DNS_PORT="${SINK_DNS_PORT:-47053}"
TCP_PORT="${SINK_TCP_PORT:-47080}"

ip link set lo up
# Every IPv4 address is local: a connect() to any address stays on lo instead of failing with
# "network unreachable", so the REDIRECT below sees it.
ip route add local 0.0.0.0/0 dev lo table local

# DNS (UDP and TCP) to the fake DNS, every other TCP connection to the catch-all; one
# *-restore call per family keeps start-up fast. UDP is not redirected (see udp.go).
nat_rules() {
  printf '*nat\n'
  printf -- '-A OUTPUT -p udp --dport 53 -j REDIRECT --to-ports %s\n' "$DNS_PORT"
  printf -- '-A OUTPUT -p tcp --dport 53 -j REDIRECT --to-ports %s\n' "$DNS_PORT"
  printf -- '-A OUTPUT -p tcp -j REDIRECT --to-ports %s\n' "$TCP_PORT"
  printf 'COMMIT\n'
}
nat_rules | iptables-restore

IPV6=false
# IPv6 is enabled by the runner through the container's net.ipv6.conf.all.disable_ipv6=0 sysctl.
if [ -e /proc/sys/net/ipv6 ] && [ "$(cat /proc/sys/net/ipv6/conf/lo/disable_ipv6 2>/dev/null || echo 1)" = 0 ] &&
  ip -6 route add local ::/0 dev lo table local 2>/dev/null &&
  nat_rules | ip6tables-restore; then
  IPV6=true
fi

exec /usr/local/bin/gosnare-sink -dns-port "$DNS_PORT" -tcp-port "$TCP_PORT" -ipv6="$IPV6" "$@"
