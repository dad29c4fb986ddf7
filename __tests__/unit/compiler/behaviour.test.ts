import { describe, expect, it } from 'vitest';
import { compileText, PROJECT } from './helpers.js';
import { listTargets } from '../../../src/compiler/index.js';
import { snapshot } from './helpers.js';

describe('target selection', () => {
  it('builds the project with defaults when there is no [tool.microb]', () => {
    const r = compileText(PROJECT);
    expect(r.target).toBe('default');
    expect(r.targets).toEqual(['default']);
  });

  it('prefers a target called "default" wherever it is written', () => {
    const r = compileText(`${PROJECT}[tool.microb.target.api]\n[tool.microb.target.default]\n`);
    expect(r.target).toBe('default');
  });

  it('otherwise takes the first target in file order, never an arbitrary one', () => {
    // integer-like names are where JS object order and file order differ
    const text = `${PROJECT}[tool.microb.target.2]\n[tool.microb.target.1]\n[tool.microb.target.b]\n[tool.microb.target.a]\n`;
    expect(listTargets(snapshot(text))).toEqual(['2', '1', 'b', 'a']);
    expect(compileText(text).target).toBe('2');
  });
});

describe('python version', () => {
  it('takes the newest supported CPython allowed by requires-python', () => {
    expect(
      compileText(`[project]\nname = "a"\nrequires-python = ">=3.9,!=3.13.*,<3.14"\n`).plan.pythonVersion,
    ).toBe('3.12');
    expect(compileText(`[project]\nname = "a"\nrequires-python = "~=3.10.0"\n`).plan.pythonVersion).toBe(
      '3.10',
    );
    expect(compileText(`[project]\nname = "a"\nrequires-python = "==3.11.*"\n`).plan.pythonVersion).toBe(
      '3.11',
    );
    expect(compileText(`[project]\nname = "a"\n`).plan.pythonVersion).toBe('3.14');
  });

  it('uses .python-version before requires-python, and python_version before both', () => {
    expect(
      compileText(`[project]\nname = "a"\n`, {}, { '.python-version': '3.10.4\n' }).plan.pythonVersion,
    ).toBe('3.10.4');
    const text = `[project]\nname = "a"\n[tool.microb.target.default]\npython_version = "3.9"\n`;
    expect(compileText(text, {}, { '.python-version': '3.10\n' }).plan.pythonVersion).toBe('3.9');
  });

  it("reads poetry's python constraint", () => {
    expect(
      compileText(`[tool.poetry]\nname = "a"\n[tool.poetry.dependencies]\npython = "^3.10,<3.13"\n`).plan
        .pythonVersion,
    ).toBe('3.12');
  });

  it('names the base images after the version and flavor', () => {
    const r = compileText(`${PROJECT}[tool.microb.target.default]\npython_version = "3.11.4"\n`);
    expect(r.plan.builderImage).toBe('python:3.11.4');
    expect(r.plan.finalImage).toBe('python:3.11.4-slim');
    const a = compileText(`${PROJECT}[tool.microb.target.default]\nflavor = "alpine"\n`);
    expect([a.plan.builderImage, a.plan.finalImage]).toEqual(['python:3.11-alpine', 'python:3.11-alpine']);
  });
});

describe('dependencies', () => {
  it('installs [project.dependencies] and the chosen extras, in pyproject order, each one shell argument', () => {
    const r = compileText(
      `[project]\nname = "a"\nrequires-python = ">=3.11,<3.12"\ndependencies = ["b>=1", 'requests; python_version > "3"']\n[project.optional-dependencies]\nweb = ["c", "b>=1"]\nx = ["d"]\n[tool.microb.target.default]\nextras = ["web"]\n`,
    );
    // one requirement per line, in canonical form
    expect(r.dockerfile).toContain(
      `install --no-compile --no-warn-script-location \\\n      'b>=1' \\\n      'requests; python_version > "3"' \\\n      c \\\n && `,
    );
    expect(r.dockerfile).not.toMatch(/\bd\b.*compileall/);
  });

  it('translates poetry dependencies to PEP 440, skipping python and optional ones', () => {
    const r = compileText(
      `[tool.poetry]\nname = "a"\n[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2.31"\nclick = "~8.1"\nanything = "*"\nexact = "1.2.3"\nzero = "^0.2.3"\nrich = { version = "^13", extras = ["jupyter"], markers = "sys_platform == 'linux'" }\ngitdep = { git = "git@github.com:org/repo.git", tag = "v1" }\nopt = { version = "^1", optional = true }\n`,
    );
    const install = /--no-compile --no-warn-script-location([\s\S]*?)\n && /.exec(r.dockerfile)?.[1] ?? '';
    expect(install).toContain(`'requests>=2.31,<3.0'`);
    expect(install).toContain(`'click>=8.1,<8.2'`);
    expect(install).toContain(' anything ');
    expect(install).toContain(`exact==1.2.3`);
    expect(install).toContain(`'zero>=0.2.3,<0.3.0'`);
    expect(install).toContain(`'rich[jupyter]>=13,<14; sys_platform == "linux"'`);
    expect(install).toContain(`'gitdep @ git+ssh://git@github.com/org/repo.git@v1'`);
    expect(install).not.toMatch(/\bopt\b(?!\/)/);
    expect(r.plan.ssh).toBe(true);
  });

  it('installs a requirements file through a filtered copy at a different path, dropping only -e of the project', () => {
    const r = compileText(
      `${PROJECT}[tool.microb.target.default]\nrequirements = "requirements.lock"\n`,
      {},
      { 'requirements.lock': '-e file:.\n-e git+https://x/y.git#egg=y\nb==1\n' },
    );
    expect(r.dockerfile).toContain(
      '--mount=type=bind,source=requirements.lock,target=/run/microb/requirements.in',
    );
    expect(r.dockerfile).toMatch(
      /sed -E '[^']+' \/run\/microb\/requirements\.in > \/tmp\/microb-requirements\.txt/,
    );
    expect(r.dockerfile).toContain('-r /tmp/microb-requirements.txt');
    expect(r.plan.dependencies).toEqual(['-r requirements.lock']);
  });

  it('sees git+ssh lines inside a requirements file', () => {
    const r = compileText(
      `${PROJECT}[tool.microb.target.default]\nrequirements = "r.txt"\n`,
      {},
      { 'r.txt': 'pkg @ git+ssh://git@example.com/pkg.git\n' },
    );
    expect(r.plan.ssh).toBe(true);
  });
});

describe('credentials and ssh', () => {
  const text = `${PROJECT}dependencies = ["private-pkg"]\n[tool.microb.target.default]\nindices = [{ url = "https://pkgs.example.com/simple/", username = "ci-user", password = "hunter2-inline", trust = true }, { url = "https://other.example.com/simple", username_secret = "OTHER_USER", password_secret = "OTHER_PW" }]\n`;

  it('never writes a credential into the Dockerfile, turning inline ones into build secrets', () => {
    const r = compileText(text.replace('[project]\n', '[project]\n'));
    expect(r.dockerfile).not.toContain('hunter2-inline');
    expect(r.dockerfile).not.toContain('ci-user');
    expect(r.plan.secrets.map((s) => [s.id, s.source.kind])).toEqual([
      ['microb-index-1-username', 'inline'],
      ['microb-index-1-password', 'inline'],
      ['OTHER_USER', 'caller'],
      ['OTHER_PW', 'caller'],
    ]);
    expect(r.plan.secrets[1]?.source).toEqual({ kind: 'inline', value: 'hunter2-inline' });
    for (const id of ['microb-index-1-password', 'OTHER_PW']) {
      expect(r.dockerfile).toContain(`--mount=type=secret,id=${id},target=/run/secrets/${id},required=true`);
    }
    expect(r.dockerfile).toContain(`PIP_TRUSTED_HOST=pkgs.example.com`);
  });

  it('mounts ssh and a known_hosts secret for git+ssh dependencies, with strict host key checking', () => {
    const r = compileText(
      `[project]\nname = "a"\nrequires-python = ">=3.11,<3.12"\ndependencies = ["lib @ git+ssh://git@github.com/org/lib.git@v1"]\n`,
    );
    expect(r.plan.ssh).toBe(true);
    expect(r.plan.knownHostsSecretId).toBe('microb-known-hosts');
    expect(r.dockerfile).toContain('--mount=type=ssh,required=true');
    expect(r.dockerfile).toContain('StrictHostKeyChecking=yes');
    expect(r.dockerfile).not.toMatch(/StrictHostKeyChecking=no/i);
    expect(r.dockerfile).toContain('command -v git');
  });
});

describe('final image', () => {
  it('runs as uid 65532 with the venv on PATH and JSON-form entrypoint/cmd', () => {
    const r = compileText(`${PROJECT}[project.scripts]\nmy-cli = "a:main"\n`);
    const tail = r.dockerfile.slice(r.dockerfile.indexOf('AS image'));
    expect(tail).toContain('USER 65532:65532');
    expect(tail).toContain('ENV PATH="/opt/venv/bin:${PATH}"');
    expect(tail).toContain('ENTRYPOINT ["my-cli"]\nCMD []');
    expect(tail).toContain('COPY --from=deps --link /opt/venv /opt/venv');
    expect(tail).not.toMatch(/COPY \. /); // no source tree in the final image
  });

  it('writes authors as "Name <email>, Name" and lets target labels override generated ones', () => {
    const r = compileText(
      `[project]\nname = "a"\nversion = "2.0"\nrequires-python = ">=3.11,<3.12"\nauthors = [{ name = "A", email = "a@x" }, { name = "B" }, { email = "c@x" }]\n[tool.microb.target.default]\nlabels = { "org.opencontainers.image.version" = "custom" }\n`,
    );
    expect(r.plan.labels['org.opencontainers.image.authors']).toBe('A <a@x>, B, c@x');
    expect(r.plan.labels['org.opencontainers.image.version']).toBe('custom');
    expect(r.dockerfile.match(/org\.opencontainers\.image\.version/g)).toHaveLength(1);
  });

  it('fills ${NAME:-default} from build args in plan.labels, and bakes --build-arg values as ARG defaults', () => {
    const text = `${PROJECT}[tool.microb.target.default]\nlabels = { greeting = "\${TEST:-World}" }\n`;
    expect(compileText(text).plan.labels.greeting).toBe('World');
    const withArg = compileText(text, { buildArgs: { TEST: 'Hello' } });
    expect(withArg.plan.labels.greeting).toBe('Hello');
    expect(withArg.dockerfile).toContain('ARG TEST="Hello"');
    expect(withArg.plan.buildArgsUsed).toEqual(['TEST']);
  });

  it('accepts `environment` as another name for `env`', () => {
    const r = compileText(
      `${PROJECT}[tool.microb.target.default]\nenvironment = { MODE = "prod", PORT = 8080 }\n`,
    );
    expect(r.dockerfile).toContain('MODE="prod" \\\n    PORT="8080"');
  });

  it('writes ADD --checksum once per file and COPY --from for copy_files.from', () => {
    const sum = `sha256:${'b'.repeat(64)}`;
    const r = compileText(
      `${PROJECT}[tool.microb.target.default]\nadd_files = [{ src = "https://x/a.bin", dst = "/a.bin", checksum = "${sum}" }, { src = "local.txt", dst = "/b" }]\ncopy_files = [{ src = "/etc/hostname", dst = "/c", from = "alpine:3.19" }]\n`,
    );
    expect(r.dockerfile.match(/--checksum=/g)).toHaveLength(1);
    expect(r.dockerfile).toContain(`ADD --chmod=644 --checksum=${sum} https://x/a.bin /a.bin`);
    expect(r.dockerfile).toContain(`ADD local.txt /b`);
    expect(r.dockerfile).toContain('COPY --from=alpine:3.19 /etc/hostname /c');
  });
});

describe('output shape', () => {
  it('has no # syntax= line unless asked for one', () => {
    expect(compileText(PROJECT).dockerfile).not.toMatch(/^# syntax=/m);
    expect(
      compileText(PROJECT, { syntax: 'docker/dockerfile:1.7' }).dockerfile.startsWith(
        '# syntax=docker/dockerfile:1.7\n',
      ),
    ).toBe(true);
  });

  it('ships .dockerignore exclusions only when the project has none', () => {
    expect(compileText(PROJECT).dockerignore).toMatch(/^\.git$/m);
    expect(compileText(PROJECT, {}, { '.dockerignore': 'x\n' }).dockerignore).toBeNull();
  });

  it('installs the build backend in its own cached layer and builds without isolation', () => {
    const r = compileText(
      `[build-system]\nrequires = ["hatchling>=1.20"]\nbuild-backend = "hatchling.build"\n${PROJECT}`,
    );
    expect(r.dockerfile).toContain(`install --no-warn-script-location \\\n      'hatchling>=1.20'\n`);
    expect(r.dockerfile).toContain('--no-build-isolation');
    expect(r.dockerfile.indexOf('hatchling')).toBeLessThan(r.dockerfile.indexOf('COPY . /src'));
  });

  it('lists exactly the RUN cache mounts the Dockerfile uses, with stable ids', () => {
    const plain = compileText(PROJECT);
    expect(plain.plan.cacheMounts.map((m) => m.id)).toEqual(['microb-pip']);
    const withApt = compileText(`${PROJECT}[tool.microb.target.default]\nsystem_deps = ["libpq5"]\n`);
    expect(withApt.plan.cacheMounts.map((m) => m.id)).toEqual([
      'microb-pip',
      'microb-apt-cache',
      'microb-apt-lists',
    ]);
    for (const m of withApt.plan.cacheMounts)
      expect(withApt.dockerfile).toContain(`id=${m.id},target=${m.target}`);
  });

  it('copies the project from its directory inside a larger build context', () => {
    const r = compileText(PROJECT, { projectDir: 'services/api' });
    expect(r.dockerfile).toContain('COPY services/api /src');
  });
});
