/** The pure compiler's public surface: pyproject snapshot → validated config → plan → Dockerfile. */
export type {
  EntryKind,
  ProjectSnapshot,
  CompileOptions,
  CompileResult,
  BuildPlanSummary,
  SecretRequirement,
  CacheMount,
  Flavor,
} from './model/types.js';
export { ConfigError, type SourceLocation } from './model/errors.js';
export { findSecretReference, type SecretReference } from './pyproject/secretReference.js';
export { inlineIndexCredentials } from './pyproject/indexCredentials.js';
export { shellCommand } from './dockerfile/quote.js';
export {
  checkTargets,
  compile,
  compileTargets,
  describeProjectInstall,
  labelsWithBuildArgs,
  listTargets,
  referencedFiles,
} from './compile.js';
export {
  findUrlCredential,
  redactUrlCredentials,
  CREDENTIAL_HINT,
  type UrlCredential,
} from './model/credentials.js';
export {
  parseRequirement,
  parseMarker,
  formatRequirement,
  formatMarker,
  normalizeName,
  Pep508Error,
  type Requirement,
  type Marker,
  type Specifier,
} from './pyproject/pep508.js';
export { dependencyChanges, type DependencyChange } from './plan/dependencyChanges.js';
/** For the snapshot reader: the files a requirements file pulls in with -r/-c, read as pip reads it. */
export { MAX_REQUIREMENTS_FILES, nestedRequirementFiles } from './lock/requirementsFiles.js';
