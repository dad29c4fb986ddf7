/**
 * Recorded-shape event payloads (fixtures/events/*.json) loaded through `@actions/github`'s own
 * `Context`, exactly as the action reads a real run: GITHUB_EVENT_PATH, GITHUB_EVENT_NAME,
 * GITHUB_REF, GITHUB_SHA, GITHUB_REPOSITORY.
 */
import { fileURLToPath } from 'node:url';

import { context as actionsContext } from '@actions/github';

import { fromActionsContext, type GitHubEventContext } from '../../../src/github/eventContext.js';

export interface RunEnvironment {
  readonly fixture: string;
  readonly eventName: string;
  readonly ref: string;
  readonly sha: string;
}

type ContextClass = new () => typeof actionsContext;

export function eventFixturePath(fixture: string): string {
  return fileURLToPath(new URL(`./fixtures/events/${fixture}`, import.meta.url));
}

/** Builds a fresh `Context` (it reads the environment in its constructor) for a recorded run. */
export function loadRun(run: RunEnvironment): GitHubEventContext {
  const env: Record<string, string> = {
    GITHUB_EVENT_PATH: eventFixturePath(run.fixture),
    GITHUB_EVENT_NAME: run.eventName,
    GITHUB_REF: run.ref,
    GITHUB_SHA: run.sha,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SERVER_URL: 'https://github.com',
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const Context = actionsContext.constructor as ContextClass;
    return fromActionsContext(new Context());
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
