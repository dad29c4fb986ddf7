/**
 * Reads buildx's `--progress=plain` log to say *which* step failed and what it printed last,
 * instead of just "exit code 1". The format: every line of step N starts with `#N `; the
 * first one names the step (`#9 [builder 4/6] RUN pip install …`), output lines carry a
 * timestamp (`#9 0.812 text`), and a failed step ends with `#9 ERROR: …`. buildx's own
 * verdict is a final line starting with `ERROR:`.
 */

export interface BuildFailure {
  /** The failing step as BuildKit names it, e.g. `[builder 4/6] RUN pip install …`. */
  readonly step?: string;
  /** The step's last output lines (timestamps stripped), or the log's last lines. */
  readonly lastLines: readonly string[];
  /** The error line: the step's `ERROR:` or buildx's final one. */
  readonly error: string;
}

interface StepLog {
  name: string;
  lines: string[];
  error?: string;
  cached?: boolean;
}

/** How many Dockerfile steps ran and how many came from the cache (`#N CACHED`). */
export interface StepCounts {
  readonly total: number;
  readonly cached: number;
  readonly cachedNames: readonly string[];
}

/**
 * A Dockerfile instruction that does work (`[builder 2/6] RUN …`, `[linux/arm64 final 2/3] COPY …`),
 * not buildx's own (`[internal] …`, `[auth] …`) and not a `FROM` (or its `[context …]`), which BuildKit reports CACHED
 * whenever the base image is at hand, `--no-cache` or not.
 */
const isDockerfileStep = (name: string): boolean =>
  name.startsWith('[') &&
  !name.startsWith('[internal]') &&
  !name.startsWith('[auth]') &&
  // a named build context standing in for a base image: a FROM too
  !name.startsWith('[context ') &&
  !/^\[[^\]]*\] FROM /.test(name);

const STEP_LINE = /^#(\d+) (.*)$/;
const TIMESTAMPED = /^\d+\.\d+ (.*)$/;

export class ProgressLog {
  private readonly steps = new Map<string, StepLog>();
  private readonly tail: string[] = [];
  private finalErrors: string[] = [];
  private failedStep?: StepLog;
  private started?: string;

  constructor(private readonly keepLines = 20) {}

  add(line: string): void {
    this.tail.push(line);
    if (this.tail.length > this.keepLines) this.tail.shift();
    const m = STEP_LINE.exec(line);
    if (!m) {
      if (line.startsWith('ERROR:') || line.startsWith('error:')) this.finalErrors.push(line);
      return;
    }
    const [, id = '', text = ''] = m;
    const step = this.steps.get(id);
    if (!step) {
      this.steps.set(id, { name: text, lines: [] });
      this.started = text;
      return;
    }
    if (text === 'CACHED') {
      step.cached = true;
      return;
    }
    if (text.startsWith('ERROR: ') || text === 'ERROR') {
      step.error = text;
      this.failedStep ??= step;
      return;
    }
    const out = TIMESTAMPED.exec(text);
    if (!out) return; // DONE / CACHED / transfer progress: not the step's own output
    step.lines.push(out[1] ?? '');
    if (step.lines.length > this.keepLines) step.lines.shift();
  }

  /** Dockerfile steps seen so far, and which were cached. */
  stepCounts(): StepCounts {
    const steps = [...this.steps.values()].filter((s) => isDockerfileStep(s.name));
    const cached = steps.filter((s) => s.cached).map((s) => s.name);
    return { total: steps.length, cached: cached.length, cachedNames: cached };
  }

  /** The step that started last (the one running when the log stopped). */
  lastStarted(): string | undefined {
    return this.started;
  }

  /** What went wrong, from what was seen so far. */
  failure(): BuildFailure {
    const finalError = this.finalErrors.at(-1);
    const step = this.failedStep;
    if (step) {
      return {
        step: step.name,
        lastLines: [...step.lines],
        error: finalError ?? step.error ?? 'ERROR',
      };
    }
    return { lastLines: [...this.tail], error: finalError ?? this.tail.at(-1) ?? 'no output' };
  }
}

/** The failure as a multi-line message for `::error::` and the CLI's stderr. */
export function formatFailure(f: BuildFailure, exitCode: number): string {
  const head = f.step
    ? `docker buildx build failed at step ${f.step}`
    : `docker buildx build failed (exit code ${exitCode})`;
  const lines = f.step ? f.lastLines : f.lastLines.filter((l) => l !== f.error && l.trim() !== '').slice(-10);
  const body =
    lines.length > 0
      ? [f.step ? 'Last lines of the step:' : 'Last lines:', ...lines.map((l) => `  ${l}`)]
      : [];
  return [head, ...body, f.error].join('\n');
}
