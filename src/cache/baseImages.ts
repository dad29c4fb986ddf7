/**
 * The images a Dockerfile starts FROM (pure): each `FROM` that names neither an earlier stage
 * nor `scratch`. Their layers are what a slim cache leaves out. Lines with a variable (`$`) are
 * skipped: the engine could not be asked about an image whose name the build decides.
 */
export function baseImagesOf(dockerfile: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  for (const line of dockerfile.split('\n')) {
    const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
    if (!m?.[1]) continue;
    const ref = m[1];
    if (!stages.has(ref.toLowerCase()) && ref.toLowerCase() !== 'scratch' && !ref.includes('$')) {
      if (!images.includes(ref)) images.push(ref);
    }
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return images;
}
