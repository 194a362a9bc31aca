// `Fn::Cidr` for IPv4: `count` consecutive subnets with `cidrBits` host bits, carved from the block.

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Undefined when the block is not IPv4 or the subnets do not fit in it. */
export function cidrSubnets(block: string, count: number, cidrBits: number): string[] | undefined {
  const [address, prefixText] = block.split('/');
  const base = parseIpv4(address ?? '');
  const prefix = Number(prefixText);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  if (!Number.isInteger(count) || count < 1 || count > 256 || !Number.isInteger(cidrBits) || cidrBits < 0) return undefined;
  const subnetPrefix = 32 - cidrBits;
  if (subnetPrefix < prefix) return undefined;
  const subnetSize = 2 ** cidrBits;
  if (count * subnetSize > 2 ** (32 - prefix)) return undefined;
  const network = base - (base % 2 ** (32 - prefix));
  return Array.from({ length: count }, (_unused, index) => `${formatIpv4(network + index * subnetSize)}/${subnetPrefix}`);
}
