// IP addresses and CIDR blocks as AWS's pattern engine reads them: only text shaped like an address literal
// (dotted IPv4, or hex digits and colons for IPv6) is an address; the rules' error reasons are AWS's.

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const JAVA_INT = /^[+-]?\d+$/;

export function looksLikeIpAddress(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function parseIpv4(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(4);
  const parts = text.split('.');
  for (let i = 0; i < 4; i++) {
    const octet = Number(parts[i]);
    if (!(octet <= 255)) return undefined;
    bytes[i] = octet;
  }
  return bytes;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!HEX_GROUP.test(group)) return undefined;
    groups.push(parseInt(group, 16));
  }
  return groups;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

/** 4 or 16 bytes; undefined when the text is not an IPv4 or IPv6 address literal. */
export function parseIpAddress(text: string): Uint8Array | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
}

export function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export interface CidrBlock {
  readonly network: Uint8Array;
  readonly maskBits: number;
}

export function inCidrBlock(address: Uint8Array, block: CidrBlock): boolean {
  if (address.length !== block.network.length) return false;
  for (let bit = 0; bit < block.maskBits; bit += 8) {
    const take = Math.min(8, block.maskBits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const index = bit / 8;
    if (((address[index] ?? 0) & mask) !== ((block.network[index] ?? 0) & mask)) return false;
  }
  return true;
}

/** A CIDR block, or AWS's reason for refusing the text. The address need not be the network's first. */
export function parseCidrBlock(text: string): CidrBlock | string {
  // Java's String.split drops trailing empty parts: "10.0.0.0/" has one part.
  const parts = text.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) return "Malformed CIDR, one '/' required";
  const [ip = '', maskText = ''] = parts;
  const maskBits = Number(maskText);
  if (!JAVA_INT.test(maskText) || !Number.isSafeInteger(maskBits) || Math.abs(maskBits) > 2 ** 31) {
    return 'Malformed CIDR, mask bits must be an integer';
  }
  if (maskBits < 0) return 'Malformed CIDR, mask bits must not be negative';
  if (!looksLikeIpAddress(ip)) return `Nonstandard IP address: ${ip}`;
  const network = parseIpAddress(ip);
  if (!network) return `Invalid IP address: ${ip}`;
  if (network.length === 4 && maskBits > 31) return 'IPv4 mask bits must be < 32';
  if (network.length === 16 && maskBits > 127) return 'IPv6 mask bits must be < 128';
  return { network, maskBits };
}
