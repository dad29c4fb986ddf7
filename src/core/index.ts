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
} from './types.js';
export { ConfigError, type SourceLocation } from './errors.js';
export {
  checkTargets,
  compile,
  compileTargets,
  describeProjectInstall,
  listTargets,
  referencedFiles,
} from './compile.js';
export {
  findUrlCredential,
  redactUrlCredentials,
  CREDENTIAL_HINT,
  type UrlCredential,
} from './credentials.js';
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
} from '../config/pep508.js';
