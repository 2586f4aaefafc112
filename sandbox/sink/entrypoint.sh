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

iptables -t nat -A OUTPUT -p udp --dport 53 -j REDIRECT --to-ports "$DNS_PORT"
iptables -t nat -A OUTPUT -p tcp --dport 53 -j REDIRECT --to-ports "$DNS_PORT"
iptables -t nat -A OUTPUT -p tcp -j REDIRECT --to-ports "$TCP_PORT"

IPV6=false
# IPv6 is enabled by the runner through the container's net.ipv6.conf.all.disable_ipv6=0 sysctl.
if [ -e /proc/sys/net/ipv6 ] && [ "$(cat /proc/sys/net/ipv6/conf/lo/disable_ipv6 2>/dev/null || echo 1)" = 0 ] &&
  ip -6 route add local ::/0 dev lo table local 2>/dev/null &&
  ip6tables -t nat -A OUTPUT -p udp --dport 53 -j REDIRECT --to-ports "$DNS_PORT" &&
  ip6tables -t nat -A OUTPUT -p tcp --dport 53 -j REDIRECT --to-ports "$DNS_PORT" &&
  ip6tables -t nat -A OUTPUT -p tcp -j REDIRECT --to-ports "$TCP_PORT"; then
  IPV6=true
fi

exec /usr/local/bin/gosnare-sink -dns-port "$DNS_PORT" -tcp-port "$TCP_PORT" -ipv6="$IPV6" "$@"
