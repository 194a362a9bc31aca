// S3's flexible checksums (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) and the MD5 behind ETags, computed while a
// body streams to disk. The CRCs come from the AWS SDK's own implementations, so the values match the client's.
import { AwsCrc32 } from '@aws-crypto/crc32';
import { AwsCrc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import { createHash } from 'node:crypto';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface Hasher {
  update(chunk: Buffer): void;
  /** The digest, base64 (as `x-amz-checksum-*` carries it). */
  digest(): Promise<string>;
}

export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

export function isChecksumAlgorithm(value: string): value is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(value);
}

export function hasher(algorithm: ChecksumAlgorithm): Hasher {
  switch (algorithm) {
    case 'SHA1':
    case 'SHA256': {
      const hash = createHash(algorithm === 'SHA1' ? 'sha1' : 'sha256');
      return { update: (chunk) => hash.update(chunk), digest: async () => hash.digest('base64') };
    }
    default: {
      const crc = algorithm === 'CRC32' ? new AwsCrc32() : algorithm === 'CRC32C' ? new AwsCrc32c() : new Crc64Nvme();
      return { update: (chunk) => crc.update(chunk), digest: async () => Buffer.from(await crc.digest()).toString('base64') };
    }
  }
}

/** The checksum of a whole buffer (a multipart upload's composite of part checksums). */
export async function checksumOf(algorithm: ChecksumAlgorithm, data: Buffer): Promise<string> {
  const h = hasher(algorithm);
  h.update(data);
  return h.digest();
}
