/**
 * The run as GitHub describes it, and the image references it tags: shared by the tags-and-labels,
 * push-by-digest, pull-request-comment and merge phases.
 */
import { context as actionsContext } from '@actions/github';
import { fromActionsContext, type GitHubEventContext } from '../github/eventContext.js';
import { imageReferences } from '../github/images.js';
import { computeTags } from '../github/tags.js';
import { evaluateTagRules, type Flavor, parseTagRules, type TagRule } from '../github/tagRules.js';

type ContextClass = new () => typeof actionsContext;

/** The run as the environment describes it now (the toolkit's `context` is read at import). */
export function currentEventContext(): GitHubEventContext {
  return fromActionsContext(new (actionsContext.constructor as ContextClass)());
}

export interface TagInputs {
  /** Full references (images empty). */
  readonly tags: readonly string[];
  readonly images: readonly string[];
  /** metadata-action's rules (images set); empty = `type=default`. */
  readonly tagRules: readonly TagRule[];
  readonly flavor: Flavor;
}

export interface ResolvedTags {
  /** Full references to push. */
  readonly references: string[];
  /** The version the rules name (the OCI version label unless the pyproject sets one). */
  readonly version: string | undefined;
  readonly warnings: readonly string[];
}

/**
 * Full references to push: the `tags` input as given when images is empty, else images × the tag
 * names the rules give for this run (src/github/tagRules.ts).
 */
export function resolveImageTags(
  inputs: TagInputs,
  event: GitHubEventContext,
  clock: { readonly now: Date; readonly commitDate?: Date } = { now: new Date() },
): ResolvedTags {
  if (inputs.images.length === 0) {
    // full references given: the version still comes from the event, for the OCI label
    return { references: [...inputs.tags], version: computeTags(event).version, warnings: [] };
  }
  const rules = inputs.tagRules.length > 0 ? inputs.tagRules : parseTagRules([]);
  const shaLength = Number(process.env['DOCKER_METADATA_SHORT_SHA_LENGTH'] ?? '');
  const r = evaluateTagRules(rules, inputs.flavor, {
    event,
    now: clock.now,
    ...(clock.commitDate ? { commitDate: clock.commitDate } : {}),
    ...(Number.isInteger(shaLength) && shaLength > 0 ? { shortShaLength: shaLength } : {}),
  });
  if (r.tags.length === 0) {
    throw new Error(
      `no tags can be computed for a "${event.eventName}" run on "${event.ref}" from the tags rules ` +
        `(${rules.map((x) => x.source).join('; ')}): add one that applies, e.g. type=sha or type=raw,value=…`,
    );
  }
  return { references: imageReferences(inputs.images, r.tags), version: r.version, warnings: r.warnings };
}
