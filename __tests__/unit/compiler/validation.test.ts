import { describe, expect, it } from 'vitest';
import { schemaVerdict, validatorVerdict } from './schemaVerdict.js';
import { configError, PROJECT } from './helpers.js';

const T = '[tool.microb.target.default]';

/** Each case: a pyproject, where the error must point (line:col), what it says, and its hint. */
interface Case {
  readonly rule: string;
  readonly text: string;
  readonly at: string;
  readonly message: RegExp;
  readonly hint?: RegExp;
  readonly files?: Record<string, string>;
  /** a rule only microb check states (schemaVerdict.ts BEYOND_SCHEMA): the schema accepts */
  readonly beyondSchema?: true;
  readonly target?: string;
}

const cases: Case[] = [
  {
    rule: 'a script name that is not a plain file name',
    text: `${PROJECT}[project.scripts]\n"../evil" = "app:main"\n`,
    at: '6:1',
    message: /invalid script name "..\/evil"/,
    hint: /file name in the image/,
  },
  {
    rule: 'a script without a function',
    text: `${PROJECT}[project.scripts]\napp = "app.cli"\n`,
    at: '6:1',
    message: /invalid entry point reference "app.cli"/,
    hint: /package.module:function/,
  },
  {
    rule: 'an entry point that is not a reference',
    text: `${PROJECT}[project.entry-points."app.plugins"]\nx = "not a reference"\n`,
    at: '6:1',
    message: /invalid entry point reference/,
  },
  {
    rule: 'TOML syntax error at its position',
    text: `[project]\nname = "x"\nversion = [1,\n`,
    at: '4:1',
    message: /invalid TOML/,
  },
  {
    rule: 'unknown target key, with a suggestion',
    text: `${PROJECT}${T}\nentrypont = ["x"]\n`,
    at: '6:1',
    message: /unknown key `entrypont`/,
    hint: /did you mean `entrypoint`/,
  },
  {
    rule: 'unknown key without a close match lists the keys',
    text: `${PROJECT}${T}\nzzzzzzzz = 1\n`,
    at: '6:1',
    message: /unknown key/,
    hint: /known keys: api_version/,
  },
  {
    rule: 'api_version other than v1',
    text: `${PROJECT}${T}\napi_version = "v2"\n`,
    at: '6:1',
    message: /unsupported api_version "v2"/,
    hint: /"v1"/,
  },
  {
    rule: 'python_version written as a number',
    text: `${PROJECT}${T}\npython_version = 3.10\n`,
    at: '6:1',
    message: /must be a string/,
    hint: /quote it/,
  },
  {
    rule: 'python_version in a bad format',
    text: `${PROJECT}${T}\npython_version = "3.11-slim"\n`,
    at: '6:1',
    message: /invalid python_version/,
    hint: /"3.11"/,
  },
  {
    rule: 'python_version that violates requires-python',
    text: `${PROJECT}${T}\npython_version = "3.12"\n`,
    at: '6:1',
    message: /does not satisfy requires-python ">=3.11,<3.12"/,
    hint: /3\.11/,
  },
  {
    rule: 'invalid requires-python',
    text: `[project]\nname = "a"\nrequires-python = ">>3"\n`,
    at: '3:1',
    message: /invalid requires-python/,
  },
  {
    rule: 'requires-python no supported Python satisfies',
    text: `[project]\nname = "a"\nrequires-python = "<3.8"\n`,
    at: '3:1',
    message: /no supported Python/,
  },
  {
    rule: '.python-version with junk',
    text: `[project]\nname = "a"\n`,
    files: { '.python-version': '# pinned\npypy3.10\n' },
    at: '2:1',
    message: /unsupported version "pypy3.10" in .python-version/,
  },
  {
    rule: '.python-version violating requires-python',
    text: PROJECT,
    files: { '.python-version': '3.9\n' },
    at: '1:1',
    message: /\.python-version says 3\.9/,
  },
  {
    rule: 'unknown flavor',
    text: `${PROJECT}${T}\nflavor = "ubuntu"\n`,
    at: '6:1',
    message: /unknown flavor "ubuntu"/,
    hint: /"debian".*"alpine"/,
  },
  {
    rule: 'apt package name with shell syntax',
    text: `${PROJECT}${T}\nsystem_deps = ["curl", "jq; rm -rf /"]\n`,
    at: '6:24',
    message: /invalid apt package name/,
  },
  {
    rule: 'apk package name checked for alpine',
    text: `${PROJECT}${T}\nflavor = "alpine"\nbuild_deps = ["gcc", "$(evil)"]\n`,
    at: '7:22',
    message: /invalid apk package name/,
  },
  {
    rule: 'packages given as a string',
    text: `${PROJECT}${T}\nbuild_deps = "gcc make"\n`,
    at: '6:1',
    message: /must be an array of strings, not a string/,
    hint: /\["gcc"/,
  },
  {
    rule: 'env and environment both set',
    text: `${PROJECT}${T}\nenv = { A = "1" }\nenvironment = { B = "2" }\n`,
    at: '7:1',
    message: /both `env` and `environment`/,
  },
  {
    rule: 'env key that is not a variable name',
    text: `${PROJECT}${T}\nenv = { "MY-VAR" = "1" }\n`,
    at: '6:9',
    message: /invalid key "MY-VAR"/,
    hint: /environment variable name/,
  },
  {
    rule: 'env value with a newline',
    text: `${PROJECT}${T}\nenv = { A = "x\\ny" }\n`,
    at: '6:9',
    message: /control character/,
  },
  // NEL and the other C1 controls, U+2028/9: no Dockerfile line holds them either; the key
  // check (and so the schema) refuses what the quoting would
  {
    rule: 'env value with NEL (a C1 control)',
    text: `${PROJECT}${T}\nenv = { A = "x\\u0085y" }\n`,
    at: '6:9',
    message: /control character/,
  },
  {
    rule: 'label value with a line separator (U+2028)',
    text: `${PROJECT}${T}\nlabels = { "a" = "x\\u2028y" }\n`,
    at: '6:12',
    message: /control character/,
  },
  {
    rule: 'label key with spaces',
    text: `${PROJECT}${T}\nlabels = { "my label" = "x" }\n`,
    at: '6:12',
    message: /invalid key "my label"/,
  },
  {
    rule: 'label value that is a table',
    text: `${PROJECT}${T}\nlabels = { a = { b = 1 } }\n`,
    at: '6:12',
    message: /must be a string, found a table/,
  },
  {
    rule: 'entrypoint given as a string',
    text: `${PROJECT}${T}\nentrypoint = "micro run"\n`,
    at: '6:1',
    message: /array of strings, not a string/,
    hint: /entrypoint = \["micro"/,
  },
  {
    rule: 'command element that is not a string',
    text: `${PROJECT}${T}\ncommand = ["run", 3]\n`,
    at: '6:19',
    message: /must be a string, found the number 3/,
  },
  {
    rule: 'indices that is not an array',
    text: `${PROJECT}${T}\nindices = { url = "https://x/simple" }\n`,
    at: '6:1',
    message: /must be an array of tables/,
  },
  {
    rule: 'index without url',
    text: `${PROJECT}${T}\nindices = [{ trust = true }]\n`,
    at: '6:12',
    message: /needs a `url`/,
  },
  {
    rule: 'index url that is not a URL',
    text: `${PROJECT}${T}\nindices = [{ url = "pypi.example.com" }]\n`,
    at: '6:14',
    message: /invalid index url/,
  },
  {
    rule: 'index url with another scheme',
    text: `${PROJECT}${T}\nindices = [{ url = "ftp://x/simple" }]\n`,
    at: '6:14',
    message: /unsupported index url scheme/,
  },
  {
    rule: 'credentials inside the index url',
    text: `${PROJECT}${T}\nindices = [{ url = "https://me:pw@x/simple" }]\n`,
    at: '6:21',
    message: /contains credentials/,
    hint: /password_secret/,
  },
  {
    rule: 'misspelled index key',
    text: `${PROJECT}${T}\nindices = [{ url = "https://x/simple", pasword = "p" }]\n`,
    at: '6:40',
    message: /unknown key `pasword`/,
    hint: /did you mean `password`/,
  },
  {
    rule: 'username and username_secret together',
    text: `${PROJECT}${T}\nindices = [{ url = "https://x/s", username = "u", username_secret = "U" }]\n`,
    at: '6:51',
    message: /both `username` and `username_secret`/,
  },
  {
    rule: 'password without a username',
    text: `${PROJECT}${T}\nindices = [{ url = "https://x/s", password_secret = "P" }]\n`,
    at: '6:35',
    message: /password without a username/,
  },
  {
    rule: 'secret id with odd characters',
    text: `${PROJECT}${T}\nindices = [{ url = "https://x/s", username_secret = "a b" }]\n`,
    at: '6:35',
    message: /invalid secret id/,
  },
  {
    rule: 'trust that is not a boolean',
    text: `${PROJECT}${T}\nindices = [{ url = "https://x/s", trust = "yes" }]\n`,
    at: '6:35',
    message: /must be true or false/,
  },
  {
    rule: 'two primary indexes',
    text: `${PROJECT}${T}\nindices = [{ url = "https://a/s", primary = true }, { url = "https://b/s", primary = true }]\n`,
    at: '6:1',
    message: /more than one index has `primary = true`/,
    beyondSchema: true,
  },
  {
    rule: 'copy_files entry without dst',
    text: `${PROJECT}${T}\ncopy_files = [{ src = "a" }]\n`,
    at: '6:15',
    message: /missing `dst`/,
  },
  {
    rule: 'copy_files unknown key',
    text: `${PROJECT}${T}\ncopy_files = [{ src = "a", dst = "/b", chmod = "644" }]\n`,
    at: '6:40',
    message: /unknown key `chmod`/,
  },
  {
    rule: 'copy_files from with spaces',
    text: `${PROJECT}${T}\ncopy_files = [{ src = "a", dst = "/b", from = "x y" }]\n`,
    at: '6:40',
    message: /invalid `from`/,
  },
  {
    rule: 'add_files malformed checksum',
    text: `${PROJECT}${T}\nadd_files = [{ src = "https://x/f", dst = "/f", checksum = "md5:abc" }]\n`,
    at: '6:49',
    message: /invalid checksum/,
  },
  {
    rule: 'add_files checksum on a local file',
    text: `${PROJECT}${T}\nadd_files = [{ src = "f.txt", dst = "/f", checksum = "sha256:${'a'.repeat(64)}" }]\n`,
    at: '6:43',
    message: /only applies to http\(s\) sources/,
  },
  {
    rule: 'requirements file that does not exist',
    text: `${PROJECT}${T}\nrequirements = "requirements.lock"\n`,
    at: '6:1',
    message: /requirements file "requirements.lock" does not exist/,
    hint: /relative to the pyproject/,
  },
  {
    rule: 'requirements with extras',
    text: `${PROJECT}${T}\nrequirements = "r.txt"\nextras = ["web"]\n`,
    files: { 'r.txt': 'x\n' },
    at: '7:1',
    message: /cannot be combined/,
  },
  {
    rule: 'requirements path leaving the project',
    text: `${PROJECT}${T}\nrequirements = "../r.txt"\n`,
    at: '6:1',
    message: /unsupported requirements path/,
  },
  {
    rule: 'unknown extra, with the defined ones',
    text: `${PROJECT}\n[project.optional-dependencies]\nweb = ["a"]\n${T}\nextras = ["wbe"]\n`,
    at: '9:11',
    message: /unknown extra "wbe"/,
    hint: /did you mean "web"/,
  },
  {
    rule: 'unknown target, with the available ones',
    text: `${PROJECT}[tool.microb.target.api]\n[tool.microb.target.worker]\n`,
    target: 'web',
    at: '5:14',
    message: /unknown target "web"/,
    hint: /available targets: api, worker/,
  },
  {
    rule: 'target that is not a table',
    text: `${PROJECT}[tool.microb.target]\ndefault = "x"\n`,
    at: '6:1',
    message: /target "default" must be a table/,
  },
  {
    rule: 'target name unfit for a file name',
    text: `${PROJECT}[tool.microb.target."../x"]\n`,
    at: '5:21',
    message: /invalid target name/,
  },
  {
    rule: 'unknown key under tool.microb',
    text: `${PROJECT}[tool.microb]\ntargets = {}\n`,
    at: '6:1',
    message: /unknown key `targets` in \[tool.microb\]/,
  },
  {
    rule: 'dependency URL with credentials',
    text: `[project]\nname = "a"\nrequires-python = ">=3.11,<3.12"\ndependencies = ["ok", "pkg @ https://user:tok@host/pkg.whl"]\n`,
    at: '4:30',
    message: /contains credentials/,
  },
  {
    rule: 'poetry constraint that cannot be translated',
    text: `[tool.poetry]\nname = "a"\n[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2 || ^3"\n`,
    at: '5:1',
    message: /cannot translate the constraint/,
  },
  {
    rule: 'poetry path dependency',
    text: `[tool.poetry]\nname = "a"\n[tool.poetry.dependencies]\npython = "^3.11"\nlib = { path = "../lib" }\n`,
    at: '5:9',
    message: /path dependency lib is not supported/,
  },
];

describe('every validation rule gives file:line:col, a message and a hint', () => {
  for (const c of cases) {
    it(c.rule, () => {
      const error = configError(c.text, c.target ? { target: c.target } : {}, c.files ?? {});
      const { file, line, column } = error.location;
      expect(`${line}:${column}`).toBe(c.at);
      expect(file).toMatch(/^proj\/(pyproject\.toml|\.python-version)$/);
      expect(error.problem).toMatch(c.message);
      if (c.hint) expect(error.hint).toMatch(c.hint);
      expect(error.format()).toMatch(new RegExp(`^${file.replace('.', '\\.')}:${line}:${column}: error: `));
      expect(error.format()).not.toMatch(/\n\s+at /); // no stack trace
      // the JSON Schema refuses exactly the [tool.microb] problems the table describes
      expect(schemaVerdict(c.text), 'schema and validator disagree').toBe(
        c.beyondSchema ? true : validatorVerdict(c.text),
      );
    });
  }
});
