/**
 * The "metadata wheel" of a project whose files are copied as they are (ProjectInstall `copy`):
 * a wheel with the dist-info the backend would write (METADATA, entry points) and a `.pth` file
 * that puts the copied import packages on `sys.path`, but no code. pip installs it like any
 * wheel, so console scripts, RECORD and INSTALLER come out exactly as for a real install.
 */
import type { EntryPointGroup } from '../pyproject/entryPoints.js';
import { formatRequirement, parseRequirement, type Marker } from '../pyproject/pep508.js';
import { underscoreName } from '../resolve/projectInstall.js';
import { NOT_IN_HEREDOC } from '../dockerfile/quote.js';

interface MetadataWheelInput {
  readonly name: string;
  readonly version: string;
  readonly summary?: string;
  readonly requiresPython?: string;
  readonly requiresDist: readonly string[];
  /** Optional dependency groups: `Provides-Extra` and their `Requires-Dist` with an `extra` marker. */
  readonly extras?: ReadonlyMap<string, readonly string[]>;
  readonly entryPoints: readonly EntryPointGroup[];
  /** The directory the `.pth` file adds to `sys.path`. */
  readonly importRoot: string;
}

interface MetadataWheel {
  /** `name-version-py3-none-any.whl`, as pip wants it named. */
  readonly fileName: string;
  /** Archive path → text (lines, each ending in `\n`), without the RECORD (the build computes its hashes). */
  readonly files: ReadonlyMap<string, string>;
  /** Archive path of the RECORD. */
  readonly record: string;
}

export function metadataWheel(input: MetadataWheelInput): MetadataWheel {
  const dist = underscoreName(input.name);
  const version = input.version.replace(/-/g, '_');
  const distInfo = `${dist}-${version}.dist-info`;
  const header = (key: string, value: string | undefined) =>
    // one header line each: a value with a line break would start a header of its own (and the
    // Dockerfile writes each file as a heredoc, which holds no control character)
    value === undefined || NOT_IN_HEREDOC.test(value) ? [] : [`${key}: ${value}`];
  const metadata = [
    'Metadata-Version: 2.1',
    ...header('Name', input.name),
    ...header('Version', input.version),
    ...header('Summary', input.summary),
    ...header('Requires-Python', input.requiresPython),
    ...input.requiresDist.flatMap((r) => header('Requires-Dist', r)),
    ...[...(input.extras ?? [])].flatMap(([group, requirements]) => {
      const extra = group.replace(/[-_.]+/g, '-').toLowerCase(); // PEP 685
      return [
        ...header('Provides-Extra', extra),
        ...requirements.flatMap((r) => header('Requires-Dist', withExtraMarker(r, extra))),
      ];
    }),
  ];
  const files = new Map<string, string>([
    [`_microb_${dist}.pth`, `${input.importRoot}\n`],
    [`${distInfo}/METADATA`, lines(metadata)],
    [
      `${distInfo}/WHEEL`,
      lines(['Wheel-Version: 1.0', 'Generator: microb', 'Root-Is-Purelib: true', 'Tag: py3-none-any']),
    ],
  ]);
  if (input.entryPoints.length > 0) {
    const sections = input.entryPoints.map(
      (g) => `[${g.group}]\n${g.entries.map((e) => `${e.name} = ${e.reference}\n`).join('')}`,
    );
    files.set(`${distInfo}/entry_points.txt`, sections.join(''));
  }
  return { fileName: `${dist}-${version}-py3-none-any.whl`, files, record: `${distInfo}/RECORD` };
}

/** `req` → `req ; extra == "x"`; `req ; m` → `req ; (m) and extra == "x"` (canonical requirements). */
function withExtraMarker(requirement: string, extra: string): string {
  const r = parseRequirement(requirement);
  const isExtra: Marker = {
    kind: 'compare',
    left: { kind: 'variable', name: 'extra' },
    op: '==',
    right: { kind: 'string', value: extra },
  };
  // an `or` marker keeps its parentheses under the `and` (formatMarker adds them)
  return formatRequirement({
    ...r,
    marker: r.marker === undefined ? isExtra : { kind: 'and', left: r.marker, right: isExtra },
  });
}

function lines(items: readonly string[]): string {
  return items.map((l) => `${l}\n`).join('');
}

/**
 * The wheel writer the Dockerfile runs (`python SCRIPT DIR WHEEL RECORD`): zips the files under
 * DIR with the RECORD the wheel spec asks for. The same lines in every Dockerfile.
 */
export const WHEEL_WRITER: readonly string[] = [
  '# Zip the files under DIR into WHEEL, adding RECORD: the sha256 (urlsafe base64, unpadded)',
  '# and size of each file, as the wheel spec asks. Fixed timestamps: same files, same wheel.',
  'import base64, hashlib, os, sys, zipfile',
  '',
  'source, wheel, record = sys.argv[1:]',
  'names = sorted(',
  '    os.path.relpath(os.path.join(d, f), source).replace(os.sep, "/")',
  '    for d, _, files in os.walk(source)',
  '    for f in files',
  ')',
  'rows = []',
  'with zipfile.ZipFile(wheel, "w") as z:',
  '    for name in names:',
  '        with open(os.path.join(source, name), "rb") as f:',
  '            data = f.read()',
  '        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")',
  '        rows.append("%s,sha256=%s,%d\\n" % (name, digest.decode(), len(data)))',
  '        z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)',
  '    rows.append(record + ",,\\n")',
  '    z.writestr(zipfile.ZipInfo(record, (1980, 1, 1, 0, 0, 0)), "".join(rows))',
];
