/**
 * The run as GitHub describes it, and the image references it tags: shared by the tags-and-labels,
 * push-by-digest, pull-request-comment and merge phases.
 */
import { context as actionsContext } from '@actions/github';
import { fromActionsContext, type GitHubEventContext } from '../github/eventContext.js';
import { imageReferences } from '../github/images.js';
import { computeTags } from '../github/tags.js';

type ContextClass = new () => typeof actionsContext;

/** The run as the environment describes it now (the toolkit's `context` is read at import). */
export function currentEventContext(): GitHubEventContext {
  return fromActionsContext(new (actionsContext.constructor as ContextClass)());
}

/** Full references to push: the `tags` input as given, else images × tags computed from the event. */
export function resolveImageTags(
  inputTags: readonly string[],
  images: readonly string[],
  event: GitHubEventContext,
): string[] {
  if (inputTags.length > 0 || images.length === 0) return [...inputTags];
  const computed = computeTags(event).tags;
  if (computed.length === 0) {
    throw new Error(
      `no tags can be computed for a "${event.eventName}" run on "${event.ref}": set the tags input`,
    );
  }
  return imageReferences(images, computed);
}
