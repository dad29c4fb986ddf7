/**
 * The `images` input: image names without tags (`ghcr.io/org/app`, `127.0.0.1:5000/app`), one per
 * line or comma-separated, combined with tag names into the references buildx pushes.
 */

export class ImageNameError extends Error {
  override readonly name = 'ImageNameError';
}

/** Splits and validates the `images` input; names are lower-cased as registries require. */
export function parseImages(input: string): string[] {
  const names = input
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const name of names) checkImageName(name);
  return [...new Set(names.map((n) => n.toLowerCase()))];
}

/** `image:tag` for every image and tag, grouped by image (the order buildx and registries show). */
export function imageReferences(images: readonly string[], tags: readonly string[]): string[] {
  return images.flatMap((image) => tags.map((tag) => `${image}:${tag}`));
}

function checkImageName(name: string): void {
  if (/\s/.test(name)) throw new ImageNameError(`image name "${name}" contains whitespace`);
  if (name.includes('@')) {
    throw new ImageNameError(
      `image name "${name}" has a digest; images takes names only (e.g. ghcr.io/org/app)`,
    );
  }
  // A tag's colon comes after the last slash; a registry port's colon comes before it.
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  if (lastSegment.includes(':')) {
    throw new ImageNameError(
      `image name "${name}" has a tag; images takes names only (e.g. ghcr.io/org/app) — ` +
        'put tags in the tags input, or leave it empty to compute them from the event',
    );
  }
}
