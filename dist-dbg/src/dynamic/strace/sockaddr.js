import { asFlags, asNumber, asText } from './values.js';
function portOf(v) {
    if (v?.kind === 'call' && (v.name === 'htons' || v.name === 'ntohs'))
        return asNumber(v.args[0]);
    return asNumber(v);
}
/** IPv4-mapped IPv6 addresses (`::ffff:203.0.113.8`) are reported as the IPv4 address they carry. */
export function normaliseIp(ip) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    return mapped ? mapped[1] : ip.toLowerCase();
}
export function decodeSockAddr(v) {
    if (v?.kind !== 'struct')
        return undefined;
    const family = asFlags(v.fields.sa_family)[0];
    if (family === 'AF_INET') {
        const addr = v.fields.sin_addr;
        const ip = addr?.kind === 'call' && addr.name === 'inet_addr' ? asText(addr.args[0]) : undefined;
        return { family: 'ipv4', ip: ip ?? '', port: portOf(v.fields.sin_port) ?? 0 };
    }
    if (family === 'AF_INET6') {
        const pton = v.positional.find((p) => p.kind === 'call' && p.name === 'inet_pton');
        const ipText = pton?.kind === 'call' ? asText(pton.args[1]) : asText(v.fields.sin6_addr);
        const ip = normaliseIp(ipText ?? '');
        return { family: ip.includes(':') ? 'ipv6' : 'ipv4', ip, port: portOf(v.fields.sin6_port) ?? 0 };
    }
    if (family === 'AF_UNIX' || family === 'AF_LOCAL') {
        return { family: 'unix', path: asText(v.fields.sun_path) ?? '' };
    }
    return { family: 'other', raw: family ?? 'unknown' };
}
//# sourceMappingURL=sockaddr.js.map