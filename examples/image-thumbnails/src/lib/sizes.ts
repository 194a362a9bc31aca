// The thumbnails made of each image: boxes they fit inside (never enlarged), and where each is stored.
export const SIZES = [100, 300, 800] as const;
export type Size = (typeof SIZES)[number];

/** `photos/cat.png` → `300/photos/cat.jpg`: one folder per size, always JPEG. */
export function thumbnailKey(size: Size, uploadKey: string): string {
  return `${size}/${uploadKey.replace(/\.[^./]*$/, '')}.jpg`;
}
