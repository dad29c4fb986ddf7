/**
 * What a runner would see of a step: @actions/core writes workflow commands (`::warning::…`,
 * `::error::…`) to stdout. Capturing stdout shows the warnings exactly as the runner would
 * annotate them, whether they come from our code or from @actions/cache itself.
 */
export interface CapturedOutput {
  readonly lines: string[];
  warnings(): string[];
  errors(): string[];
  /** Stops capturing; the output is still echoed when `echo` was set. */
  restore(): void;
}

function commandMessages(lines: readonly string[], command: string): string[] {
  const prefix = `::${command}`;
  return lines
    .filter((l) => l.startsWith(prefix))
    .map((l) =>
      l
        .slice(l.indexOf('::', prefix.length) + 2)
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%'),
    );
}

export function captureStdout(opts: { echo?: boolean } = {}): CapturedOutput {
  const original = process.stdout.write.bind(process.stdout);
  const lines: string[] = [];
  let partial = '';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    if (opts.echo) return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof process.stdout.write;
  return {
    lines,
    warnings: () => commandMessages(lines, 'warning'),
    errors: () => commandMessages(lines, 'error'),
    restore() {
      if (partial) lines.push(partial);
      process.stdout.write = original;
    },
  };
}
