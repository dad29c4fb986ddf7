import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { schemaVerdict, validatorVerdict } from './schemaVerdict.js';
import { compileText, configError, PROJECT } from './helpers.js';

const T = '[tool.microb.target.default]';
const at = (e: { location: { line: number; column: number } }) => `${e.location.line}:${e.location.column}`;
/** The final stage's instructions as BuildKit's grammar reads them: keyword and argument text. */
function finalStage(dockerfile: string): string[] {
  const all = DockerfileParser.parse(dockerfile).getInstructions();
  const from = all.map((i) => i.getKeyword()).lastIndexOf('FROM');
  return all.slice(from).map((i) => `${i.getKeyword()} ${i.getArgumentsContent() ?? ''}`.trim());
}

describe('base_image and builder_image: ARGs before the first FROM, swappable with --build-arg', () => {
  it('defaults to the official images, declared once as ARGs', () => {
    const r = compileText(PROJECT);
    expect(r.dockerfile).toContain('ARG BUILDER_IMAGE="python:3.11"\nARG BASE_IMAGE="python:3.11-slim"\n\n');
    expect(r.dockerfile.match(/^ARG (BUILDER|BASE)_IMAGE=/gm)).toHaveLength(2);
    expect(r.dockerfile).toMatch(/^FROM \$\{BUILDER_IMAGE\} AS builder$/m);
    expect(r.dockerfile).toMatch(/^FROM \$\{BASE_IMAGE\} AS image$/m);
    expect(r.plan.finalImage).toBe('python:3.11-slim');
  });

  it('names the given images (a mirror, a pinned digest)', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const r = compileText(
      `${PROJECT}${T}\nbase_image = "registry.example.com:5000/base/python:3.11-slim@${digest}"\nbuilder_image = "mirror.local/python:3.11"\n`,
    );
    expect(r.dockerfile).toContain(
      `ARG BASE_IMAGE="registry.example.com:5000/base/python:3.11-slim@${digest}"`,
    );
    expect(r.dockerfile).toContain('ARG BUILDER_IMAGE="mirror.local/python:3.11"');
    expect(r.plan.builderImage).toBe('mirror.local/python:3.11');
  });

  it.each([
    ['base_image = "Python:3.11"', /invalid image reference "Python:3.11"/, '6:1'],
    ['base_image = "python:3.11 AS x"', /invalid image reference/, '6:1'],
    ['builder_image = "${EVIL}"', /invalid image reference/, '6:1'],
    ['base_image = "builder"', /"builder" is the name of a stage/, '6:1'],
    ['base_image = 3', /must be a string/, '6:1'],
  ])('%s is refused at its line', (line, message, where) => {
    const e = configError(`${PROJECT}${T}\n${line}\n`);
    expect(e.problem).toMatch(message);
    expect(at(e)).toBe(where);
    expect(e.hint).toBeTruthy();
  });
});

describe('expose, healthcheck, workdir, user, stopsignal', () => {
  const text = `${PROJECT}${T}
expose = [8000, "53/udp", "9000/tcp"]
healthcheck = { cmd = ["python", "-c", "print('ok')"], interval = "30s", timeout = "1m30s", start_period = "500ms", retries = 5 }
workdir = "/srv/app"
user = 1000
stopsignal = "SIGRTMIN+3"
install_project = false
`;

  it('become the final stage instructions, in a stable order, read back by a Dockerfile parser', () => {
    const r = compileText(text);
    const stage = finalStage(r.dockerfile);
    expect(stage).toContain('WORKDIR /srv/app');
    expect(stage).toContain('EXPOSE 8000 53/udp 9000/tcp');
    const healthcheck =
      'HEALTHCHECK --interval=30s --timeout=1m30s --start-period=500ms --retries=5 CMD ["python", "-c", "print(\'ok\')"]';
    expect(r.dockerfile.split('\n')).toContain(healthcheck);
    expect(stage).toContain('STOPSIGNAL SIGRTMIN+3');
    // the parser reads the flags apart from the arguments
    expect(stage.slice(-3)).toEqual([
      `HEALTHCHECK CMD ["python", "-c", "print('ok')"]`,
      'STOPSIGNAL SIGRTMIN+3',
      'USER 1000:1000',
    ]);
    expect(r.dockerfile).toContain('groupadd --gid 1000 nonroot');
    // an application's sources go to the working directory
    expect(r.dockerfile).toMatch(/^COPY \. \/srv\/app$/m);
    expect(stage).toContain('COPY /srv/app /srv/app');
  });

  it('user: 65532 by default; 0 only when written, and then no user is created', () => {
    const plain = compileText(PROJECT).dockerfile;
    expect(plain).toMatch(/^USER 65532:65532$/m);
    expect(plain).toContain('useradd --uid 65532');
    const root = compileText(`${PROJECT}${T}\nuser = 0\n`).dockerfile;
    expect(root).toMatch(/^USER 0:0$/m);
    expect(root).not.toContain('useradd');
    expect(finalStage(plain).some((i) => i.startsWith('EXPOSE') || i.startsWith('HEALTHCHECK'))).toBe(false);
  });

  it.each([
    ['expose = [0]', /invalid port 0/, '6:11'],
    ['expose = [8000, 70000]', /invalid port 70000/, '6:17'],
    ['expose = ["80/sctp"]', /invalid port "80\/sctp"/, '6:11'],
    ['expose = [8000.5]', /invalid port 8000.5/, '6:11'],
    ['expose = 8000', /must be an array/, '6:1'],
    ['healthcheck = { interval = "30s" }', /a healthcheck needs a `cmd`/, '6:1'],
    ['healthcheck = { cmd = [] }', /`cmd` must not be empty/, '6:17'],
    ['healthcheck = { cmd = "curl -f localhost" }', /must be an array of strings, not a string/, '6:17'],
    ['healthcheck = { cmd = ["x"], interval = "30" }', /invalid duration "30"/, '6:30'],
    ['healthcheck = { cmd = ["x"], retries = 0 }', /`retries` must be between 1 and 1000/, '6:30'],
    ['healthcheck = { cmd = ["x"], intervall = "1s" }', /unknown key `intervall` in healthcheck/, '6:30'],
    ['healthcheck = ["x"]', /`healthcheck` must be a table/, '6:1'],
    ['workdir = "app"', /invalid workdir "app"/, '6:1'],
    ['workdir = "/srv/$HOME"', /invalid workdir/, '6:1'],
    ['user = -1', /`user` must be between 0 and/, '6:1'],
    ['user = "root"', /`user` must be an integer, found the string "root"/, '6:1'],
    ['user = 1.5', /must be an integer/, '6:1'],
    ['stopsignal = "TERM; rm"', /invalid stopsignal/, '6:1'],
    ['stopsignal = "65"', /invalid stopsignal/, '6:1'],
  ])('%s is refused at its line, with a hint', (line, message, where) => {
    const e = configError(`${PROJECT}${T}\n${line}\n`);
    expect(e.problem).toMatch(message);
    expect(at(e)).toBe(where);
    expect(e.hint).toBeTruthy();
    expect(e.format()).toMatch(/^proj\/pyproject\.toml:\d+:\d+: error: .*\n {2}hint: /);
    const text = `${PROJECT}${T}\n${line}\n`;
    expect([schemaVerdict(text), validatorVerdict(text)]).toEqual([false, false]);
  });
});

describe('shell = false with base_image and user', () => {
  it('the base stage reads BASE_IMAGE; the user stage writes the chosen uid; user = 0 needs no user stage', () => {
    const r = compileText(
      `${PROJECT}${T}\nshell = false\nuser = 1000\nbase_image = "local/distroless-python:3.11"\n`,
    );
    expect(r.dockerfile).toContain('ARG BASE_IMAGE="local/distroless-python:3.11"');
    expect(r.dockerfile).toMatch(/^FROM \$\{BASE_IMAGE\} AS base$/m);
    expect(r.dockerfile).toContain("echo 'nonroot:x:1000:1000:nonroot:/home/nonroot:/sbin/nologin'");
    const final = finalStage(r.dockerfile);
    expect(final[0]).toBe('FROM base AS image');
    expect(final.filter((i) => i.startsWith('RUN'))).toEqual([]);
    expect(final.at(-1)).toBe('USER 1000:1000');
    const root = compileText(`${PROJECT}${T}\nshell = false\nuser = 0\n`).dockerfile;
    expect(root).not.toMatch(/ AS (base|user)$/m);
    expect(finalStage(root)[0]).toBe('FROM ${BASE_IMAGE} AS image');
    expect(finalStage(root).filter((i) => i.startsWith('RUN'))).toEqual([]);
  });
});

describe('extends: a target made of another one, with its own keys replacing them', () => {
  const base = `${PROJECT}
[dependency-groups]
dev = ["pytest>=8"]

[tool.microb.target.default]
env = { MODE = "prod" }
expose = [8000]
command = ["serve"]
`;

  it('inherits every key, replaces the ones it sets (whole values), and adds the dev group', () => {
    const r = compileText(
      `${base}\n[tool.microb.target.dev]\nextends = "default"\ngroups = ["dev"]\nenv = { DEBUG = "1" }\n`,
      {
        target: 'dev',
      },
    );
    expect(r.dockerfile).toMatch(/^EXPOSE 8000$/m);
    expect(r.dockerfile).toMatch(/^CMD \["serve"\]$/m);
    expect(r.dockerfile).toContain("'pytest>=8'");
    expect(r.dockerfile).toContain('DEBUG="1"');
    expect(r.dockerfile).not.toContain('MODE="prod"');
    const prod = compileText(`${base}\n[tool.microb.target.dev]\nextends = "default"\ngroups = ["dev"]\n`);
    expect(prod.target).toBe('default');
    expect(prod.dockerfile).not.toContain('pytest');
  });

  it('chains (a → b → c), each table merged once', () => {
    const r = compileText(
      `${base}\n[tool.microb.target.b]\nextends = "default"\nuser = 1000\n[tool.microb.target.c]\nextends = "b"\nstopsignal = "SIGINT"\n`,
      { target: 'c' },
    );
    expect(finalStage(r.dockerfile).slice(-4)).toEqual([
      'EXPOSE 8000',
      'STOPSIGNAL SIGINT',
      'USER 1000:1000',
      'CMD ["serve"]',
    ]);
  });

  it('an unknown target is an error at `extends`, with a suggestion', () => {
    const e = configError(`${base}\n[tool.microb.target.dev]\nextends = "defualt"\n`, { target: 'dev' });
    expect(e.problem).toBe('`extends` names an unknown target "defualt"');
    expect(e.hint).toBe('did you mean "default"?');
    expect(at(e)).toBe('15:1');
  });

  it('a cycle is an error at the `extends` that closes it, naming the chain', () => {
    const e = configError(
      `${base}\n[tool.microb.target.a]\nextends = "b"\n[tool.microb.target.b]\nextends = "a"\n`,
      { target: 'a' },
    );
    expect(e.problem).toBe('`extends` makes a cycle: a → b → a');
    expect(e.hint).toMatch(/cannot extend itself/);
    expect(at(e)).toBe('17:1');
    const self = configError(`${base}\n[tool.microb.target.x]\nextends = "x"\n`, { target: 'x' });
    expect(self.problem).toBe('`extends` makes a cycle: x → x');
  });

  it('an error in an inherited key points at the table that holds it', () => {
    const parent = `${PROJECT}\n[tool.microb.target.default]\nrequirements = "requirements.txt"\n`;
    const e = configError(`${parent}\n[tool.microb.target.dev]\nextends = "default"\nextras = ["x"]\n`, {
      target: 'dev',
    });
    expect(e.problem).toMatch(/`extras` cannot be combined with `requirements`/);
    expect(at(e)).toBe('11:1');
    const g = configError(
      `${PROJECT}\n[tool.microb.target.default]\ngroups = ["nope"]\n[tool.microb.target.dev]\nextends = "default"\n`,
      {
        target: 'dev',
      },
    );
    expect(g.problem).toBe('unknown dependency group "nope"');
    expect(g.field).toBe('tool.microb.target.default.groups.0');
  });
});
