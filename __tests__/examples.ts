/** The bundled examples and the compile options each golden Dockerfile is made with. */
export interface GoldenCase {
  /** File name under __tests__/golden/ (without `.Dockerfile`). */
  readonly name: string;
  /** Example directory under examples/. */
  readonly example: string;
  readonly target?: string;
  readonly buildArgs?: Record<string, string>;
}

export const GOLDEN_CASES: readonly GoldenCase[] = [
  { name: 'microb-readme', example: 'microb-readme' },
  { name: 'no-config', example: 'no-config' },
  { name: 'rye-lock', example: 'rye-lock' },
  { name: 'alpine', example: 'alpine' },
  { name: 'extras', example: 'extras' },
  { name: 'poetry', example: 'poetry' },
  { name: 'files', example: 'files' },
  { name: 'labels', example: 'labels' },
  { name: 'labels-build-arg', example: 'labels', buildArgs: { TEST: 'Hello' } },
  { name: 'two-targets-api', example: 'two-targets' },
  { name: 'two-targets-worker', example: 'two-targets', target: 'worker' },
  { name: 'demo', example: 'demo' },
  { name: 'service', example: 'service' },
  { name: 'service-dev', example: 'service', target: 'dev' },
];
