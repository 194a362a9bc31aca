// S3's flexible checksums (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) and the MD5 behind ETags, computed while a
// body streams to disk. CRC32C and CRC64NVME come from the AWS SDK's own implementations, so the values match
// the client's; CRC32, which the SDK sends by default, is zlib's (the same CRC, in native code: the SDK's
// JavaScript one hashed about 30 MB/s on this machine, zlib's some GB/s).
import { AwsCrc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

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
    case 'CRC32': {
      let value = 0;
      return {
        update: (chunk) => {
          value = crc32(chunk, value);
        },
        digest: async () => {
          const bytes = Buffer.alloc(4);
          bytes.writeUInt32BE(value >>> 0);
          return bytes.toString('base64');
        },
      };
    }
    default: {
      const crc = algorithm === 'CRC32C' ? new AwsCrc32c() : new Crc64Nvme();
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
