import { isIP } from "node:net";

// Which addresses reach inside the network rather than out to a partner: loopback,
// private, link-local (cloud metadata at 169.254.169.254), unique-local, unspecified,
// multicast and reserved ranges, in IPv4 and IPv6. IPv6 forms that carry an IPv4 address
// (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96 and 6to4
// 2002::/16) are judged by the IPv4 address they carry.

export type InternalKind =
  | "loopback"
  | "private"
  | "link-local"
  | "unique-local"
  | "unspecified"
  | "multicast"
  | "reserved";

type Range = [prefix: number[], bits: number, kind: InternalKind];

const V4: Range[] = [
  [[0], 8, "unspecified"],
  [[10], 8, "private"],
  [[100, 64], 10, "private"], // shared address space (carrier-grade NAT)
  [[127], 8, "loopback"],
  [[169, 254], 16, "link-local"],
  [[172, 16], 12, "private"],
  [[192, 0, 0], 24, "reserved"], // IETF protocol assignments
  [[192, 168], 16, "private"],
  [[198, 18], 15, "reserved"], // benchmarking
  [[224], 4, "multicast"],
  [[240], 4, "reserved"], // and the broadcast address
];

const V6: Range[] = [
  [[0xfe, 0x80], 10, "link-local"],
  [[0xfe, 0xc0], 10, "private"], // site-local, deprecated but still routed inside some networks
  [[0xfc], 7, "unique-local"],
  [[0xff], 8, "multicast"],
];

// The kind of an IP address that reaches inside the network, or null for a public one
// (and for anything that is not an IP address).
export function internalKindOf(ip: string): InternalKind | null {
  const version = isIP(ip);
  if (version === 4) return kindIn(V4, ip.split(".").map(Number));
  if (version !== 6) return null;
  const bytes = ipv6Bytes(ip);
  const embedded = embeddedIpv4(bytes);
  if (embedded) return kindIn(V4, embedded);
  if (bytes.every((b, i) => b === (i === 15 ? 1 : 0))) return "loopback";
  if (bytes.every((b) => b === 0)) return "unspecified";
  return kindIn(V6, bytes);
}

// The address in a canonical form for comparing (IPv6 as 8 groups, an IPv4-mapped IPv6
// address as its IPv4 address), or null when it is not an IP address.
export function canonicalIp(ip: string): string | null {
  const version = isIP(ip);
  if (version === 4) return ip.split(".").map(Number).join(".");
  if (version !== 6) return null;
  const bytes = ipv6Bytes(ip);
  if (isMapped(bytes)) return bytes.slice(12).join(".");
  return Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16)).join(":");
}

// Whether `ip` lies in `network`/`bits` (both of one family; an IPv4-mapped address counts as IPv4).
export function inSubnet(ip: string, network: string, bits: number): boolean {
  const a = bytesOf(ip);
  const b = bytesOf(network);
  return a !== null && b !== null && a.length === b.length && prefixMatches(a, b, bits);
}

function bytesOf(ip: string): number[] | null {
  const version = isIP(ip);
  if (version === 4) return ip.split(".").map(Number);
  if (version !== 6) return null;
  const bytes = ipv6Bytes(ip);
  return isMapped(bytes) ? bytes.slice(12) : bytes;
}

function kindIn(ranges: Range[], bytes: number[]): InternalKind | null {
  for (const [prefix, bits, kind] of ranges) if (prefixMatches(bytes, prefix, bits)) return kind;
  return null;
}

function prefixMatches(bytes: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function isMapped(bytes: number[]): boolean {
  return bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

function embeddedIpv4(bytes: number[]): number[] | null {
  if (isMapped(bytes)) return bytes.slice(12);
  // IPv4-compatible (::a.b.c.d), leaving :: and ::1 to their own kinds
  if (bytes.slice(0, 12).every((b) => b === 0) && (bytes[12]! | bytes[13]! | bytes[14]!) !== 0) return bytes.slice(12);
  if (prefixMatches(bytes, [0x00, 0x64, 0xff, 0x9b], 96)) return bytes.slice(12); // NAT64
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6); // 6to4
  return null;
}

// 16 bytes of a valid IPv6 address (isIP has checked it), with a trailing dotted IPv4 part
// and a zone index (fe80::1%eth0) allowed.
function ipv6Bytes(ip: string): number[] {
  const address = ip.split("%")[0]!;
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const groups = (part: string | undefined): number[] => {
    if (!part) return [];
    return part.split(":").flatMap((g) => (g.includes(".") ? dotted(g) : [Number.parseInt(g, 16)]));
  };
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const words = [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

function dotted(v4: string): number[] {
  const [a, b, c, d] = v4.split(".").map(Number) as [number, number, number, number];
  return [(a << 8) | b, (c << 8) | d];
}
