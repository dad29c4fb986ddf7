/**
 * The images a Dockerfile starts FROM (pure): each `FROM` that names neither an earlier stage
 * nor `scratch`. Their layers are what a slim cache leaves out. A `FROM ${NAME}` reads the default
 * of a global `ARG NAME=…` (declared before the first FROM, as microb declares its base images);
 * other lines with a variable (`$`) are skipped: the engine could not be asked about an image
 * whose name the build decides. (A `--build-arg` that swaps the image only makes the cache keep
 * that image's layers: it never drops layers the build used.)
 */
export function baseImagesOf(dockerfile: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  const globals = new Map<string, string>();
  let seenFrom = false;
  for (const line of dockerfile.split('\n')) {
    const arg = /^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)=("?)([^"\s$]+)\2\s*$/i.exec(line);
    if (arg?.[1] && arg[3] && !seenFrom) globals.set(arg[1], arg[3]);
    const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
    if (!m?.[1]) continue;
    seenFrom = true;
    const variable = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(m[1]);
    const ref = variable ? (globals.get(variable[1] ?? variable[2] ?? '') ?? m[1]) : m[1];
    if (!stages.has(ref.toLowerCase()) && ref.toLowerCase() !== 'scratch' && !ref.includes('$')) {
      if (!images.includes(ref)) images.push(ref);
    }
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return images;
}
