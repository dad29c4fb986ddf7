/**
 * Counts compiler runs: `resolveTarget` runs once per compile of a target (compile.ts), so a
 * test that mocks src/compiler/resolve/loadProject.js with `countingLoadProject` sees every
 * compile of the run, whichever module asked for it.
 */
import type * as LoadProject from '../../src/compiler/resolve/loadProject.js';

/** Two targets, one label filled from a build arg. */
export const PYPROJECT = `[project]
name = "svc"
version = "1.0.0"
dependencies = ["requests>=2"]

[tool.microb.target.api]
python_version = "3.11"
labels = { "greeting" = "\${GREETING:-World}" }

[tool.microb.target.worker]
python_version = "3.11"
`;

/** Every target compiled since the test emptied it, with the pyproject text it came from. */
export const compiledTargets: { target: string; text: string }[] = [];

export function countingLoadProject(original: typeof LoadProject): typeof LoadProject {
  return {
    ...original,
    resolveTarget: (project, snapshot, name) => {
      compiledTargets.push({ target: name, text: snapshot.pyprojectText });
      return original.resolveTarget(project, snapshot, name);
    },
  };
}
