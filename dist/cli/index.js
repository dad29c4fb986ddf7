#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 898:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { valid, clean, explain, parse } = __nccwpck_require__(818);

const { lt, le, eq, ne, ge, gt, compare, rcompare } = __nccwpck_require__(124);

const {
  filter,
  maxSatisfying,
  minSatisfying,
  RANGE_PATTERN,
  satisfies,
  validRange,
} = __nccwpck_require__(790);

const { major, minor, patch, inc } = __nccwpck_require__(940);

module.exports = {
  // version
  valid,
  clean,
  explain,
  parse,

  // operator
  lt,
  le,
  lte: le,
  eq,
  ne,
  neq: ne,
  ge,
  gte: ge,
  gt,
  compare,
  rcompare,

  // range
  filter,
  maxSatisfying,
  minSatisfying,
  RANGE_PATTERN,
  satisfies,
  validRange,

  // semantic
  major,
  minor,
  patch,
  inc,
};


/***/ }),

/***/ 124:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { parse } = __nccwpck_require__(818);

module.exports = {
  compare,
  rcompare,
  lt,
  le,
  eq,
  ne,
  ge,
  gt,
  '<': lt,
  '<=': le,
  '==': eq,
  '!=': ne,
  '>=': ge,
  '>': gt,
  '===': arbitrary,
};

function lt(version, other) {
  return compare(version, other) < 0;
}

function le(version, other) {
  return compare(version, other) <= 0;
}

function eq(version, other) {
  return compare(version, other) === 0;
}

function ne(version, other) {
  return compare(version, other) !== 0;
}

function ge(version, other) {
  return compare(version, other) >= 0;
}

function gt(version, other) {
  return compare(version, other) > 0;
}

function arbitrary(version, other) {
  return version.toLowerCase() === other.toLowerCase();
}

function compare(version, other) {
  const parsedVersion = parse(version);
  const parsedOther = parse(other);

  const keyVersion = calculateKey(parsedVersion);
  const keyOther = calculateKey(parsedOther);

  return pyCompare(keyVersion, keyOther);
}

function rcompare(version, other) {
  return -compare(version, other);
}

// this logic is buitin in python, but we need to port it to js
// see https://stackoverflow.com/a/5292332/1438522
function pyCompare(elemIn, otherIn) {
  let elem = elemIn;
  let other = otherIn;
  if (elem === other) {
    return 0;
  }
  if (Array.isArray(elem) !== Array.isArray(other)) {
    elem = Array.isArray(elem) ? elem : [elem];
    other = Array.isArray(other) ? other : [other];
  }
  if (Array.isArray(elem)) {
    const len = Math.min(elem.length, other.length);
    for (let i = 0; i < len; i += 1) {
      const res = pyCompare(elem[i], other[i]);
      if (res !== 0) {
        return res;
      }
    }
    return elem.length - other.length;
  }
  if (elem === -Infinity || other === Infinity) {
    return -1;
  }
  if (elem === Infinity || other === -Infinity) {
    return 1;
  }
  return elem < other ? -1 : 1;
}

function calculateKey(input) {
  const { epoch } = input;
  let { release, pre, post, local, dev } = input;
  // When we compare a release version, we want to compare it with all of the
  // trailing zeros removed. So we'll use a reverse the list, drop all the now
  // leading zeros until we come to something non zero, then take the rest
  // re-reverse it back into the correct order and make it a tuple and use
  // that for our sorting key.
  release = release.concat();
  release.reverse();
  while (release.length && release[0] === 0) {
    release.shift();
  }
  release.reverse();

  // We need to "trick" the sorting algorithm to put 1.0.dev0 before 1.0a0.
  // We'll do this by abusing the pre segment, but we _only_ want to do this
  // if there is !a pre or a post segment. If we have one of those then
  // the normal sorting rules will handle this case correctly.
  if (!pre && !post && dev) pre = -Infinity;
  // Versions without a pre-release (except as noted above) should sort after
  // those with one.
  else if (!pre) pre = Infinity;

  // Versions without a post segment should sort before those with one.
  if (!post) post = -Infinity;

  // Versions without a development segment should sort after those with one.
  if (!dev) dev = Infinity;

  if (!local) {
    // Versions without a local segment should sort before those with one.
    local = -Infinity;
  } else {
    // Versions with a local segment need that segment parsed to implement
    // the sorting rules in PEP440.
    // - Alpha numeric segments sort before numeric segments
    // - Alpha numeric segments sort lexicographically
    // - Numeric segments sort numerically
    // - Shorter versions sort before longer versions when the prefixes
    //   match exactly
    local = local.map((i) =>
      Number.isNaN(Number(i)) ? [-Infinity, i] : [Number(i), ''],
    );
  }

  return [epoch, release, pre, post, dev, local];
}


/***/ }),

/***/ 940:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { explain, parse, stringify } = __nccwpck_require__(818);

// those notation are borrowed from semver
module.exports = {
  major,
  minor,
  patch,
  inc,
};

function major(input) {
  const version = explain(input);
  if (!version) {
    throw new TypeError('Invalid Version: ' + input);
  }
  return version.release[0];
}

function minor(input) {
  const version = explain(input);
  if (!version) {
    throw new TypeError('Invalid Version: ' + input);
  }
  if (version.release.length < 2) {
    return 0;
  }
  return version.release[1];
}

function patch(input) {
  const version = explain(input);
  if (!version) {
    throw new TypeError('Invalid Version: ' + input);
  }
  if (version.release.length < 3) {
    return 0;
  }
  return version.release[2];
}

function inc(input, release, preReleaseIdentifier) {
  let identifier = preReleaseIdentifier || `a`;
  const version = parse(input);

  if (!version) {
    return null;
  }

  if (
    !['a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview'].includes(
      identifier,
    )
  ) {
    return null;
  }

  switch (release) {
    case 'premajor':
      {
        const [majorVersion] = version.release;
        version.release.fill(0);
        version.release[0] = majorVersion + 1;
      }
      version.pre = [identifier, 0];
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'preminor':
      {
        const [majorVersion, minorVersion = 0] = version.release;
        version.release.fill(0);
        version.release[0] = majorVersion;
        version.release[1] = minorVersion + 1;
      }
      version.pre = [identifier, 0];
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'prepatch':
      {
        const [majorVersion, minorVersion = 0, patchVersion = 0] =
          version.release;
        version.release.fill(0);
        version.release[0] = majorVersion;
        version.release[1] = minorVersion;
        version.release[2] = patchVersion + 1;
      }
      version.pre = [identifier, 0];
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'prerelease':
      if (version.pre === null) {
        const [majorVersion, minorVersion = 0, patchVersion = 0] =
          version.release;
        version.release.fill(0);
        version.release[0] = majorVersion;
        version.release[1] = minorVersion;
        version.release[2] = patchVersion + 1;
        version.pre = [identifier, 0];
      } else {
        if (preReleaseIdentifier === undefined && version.pre !== null) {
          [identifier] = version.pre;
        }

        const [letter, number] = version.pre;
        if (letter === identifier) {
          version.pre = [letter, number + 1];
        } else {
          version.pre = [identifier, 0];
        }
      }

      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'major':
      if (
        version.release.slice(1).some((value) => value !== 0) ||
        version.pre === null
      ) {
        const [majorVersion] = version.release;
        version.release.fill(0);
        version.release[0] = majorVersion + 1;
      }
      delete version.pre;
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'minor':
      if (
        version.release.slice(2).some((value) => value !== 0) ||
        version.pre === null
      ) {
        const [majorVersion, minorVersion = 0] = version.release;
        version.release.fill(0);
        version.release[0] = majorVersion;
        version.release[1] = minorVersion + 1;
      }
      delete version.pre;
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'patch':
      if (
        version.release.slice(3).some((value) => value !== 0) ||
        version.pre === null
      ) {
        const [majorVersion, minorVersion = 0, patchVersion = 0] =
          version.release;
        version.release.fill(0);
        version.release[0] = majorVersion;
        version.release[1] = minorVersion;
        version.release[2] = patchVersion + 1;
      }
      delete version.pre;
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    default:
      return null;
  }

  return stringify(version);
}


/***/ }),

/***/ 790:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// This file is dual licensed under the terms of the Apache License, Version
// 2.0, and the BSD License. See the LICENSE file in the root of this repository
// for complete details.

const { VERSION_PATTERN, explain: explainVersion } = __nccwpck_require__(818);

const Operator = __nccwpck_require__(124);

const RANGE_PATTERN = [
  '(?<operator>(===|~=|==|!=|<=|>=|<|>))',
  '\\s*',
  '(',
  /*  */ '(?<version>(?:' + VERSION_PATTERN.replace(/\?<\w+>/g, '?:') + '))',
  /*  */ '(?<prefix>\\.\\*)?',
  /*  */ '|',
  /*  */ '(?<legacy>[^,;\\s)]+)',
  ')',
].join('');

module.exports = {
  RANGE_PATTERN,
  parse,
  satisfies,
  filter,
  validRange,
  maxSatisfying,
  minSatisfying,
};

const isEqualityOperator = (op) => ['==', '!=', '==='].includes(op);

const rangeRegex = new RegExp('^' + RANGE_PATTERN + '$', 'i');

function parse(ranges) {
  if (!ranges.trim()) {
    return [];
  }

  const specifiers = ranges
    .split(',')
    .map((range) => rangeRegex.exec(range.trim()) || {})
    .map(({ groups }) => {
      if (!groups) {
        return null;
      }

      let { ...spec } = groups;
      const { operator, version, prefix, legacy } = groups;

      if (version) {
        spec = { ...spec, ...explainVersion(version) };
        if (operator === '~=') {
          if (spec.release.length < 2) {
            return null;
          }
        }
        if (!isEqualityOperator(operator) && spec.local) {
          return null;
        }

        if (prefix) {
          if (!isEqualityOperator(operator) || spec.dev || spec.local) {
            return null;
          }
        }
      }
      if (legacy && operator !== '===') {
        return null;
      }

      return spec;
    });

  if (specifiers.filter(Boolean).length !== specifiers.length) {
    return null;
  }

  return specifiers;
}

function filter(versions, specifier, options = {}) {
  const filtered = pick(versions, specifier, options);
  if (filtered.length === 0 && options.prereleases === undefined) {
    return pick(versions, specifier, { prereleases: true });
  }
  return filtered;
}

function maxSatisfying(versions, range, options) {
  const found = filter(versions, range, options).sort(Operator.compare);
  return found.length === 0 ? null : found[found.length - 1];
}

function minSatisfying(versions, range, options) {
  const found = filter(versions, range, options).sort(Operator.compare);
  return found.length === 0 ? null : found[0];
}

function pick(versions, specifier, options) {
  const parsed = parse(specifier);

  if (!parsed) {
    return [];
  }

  return versions.filter((version) => {
    const explained = explainVersion(version);

    if (!parsed.length) {
      return explained && !(explained.is_prerelease && !options.prereleases);
    }

    return parsed.reduce((pass, spec) => {
      if (!pass) {
        return false;
      }
      return contains({ ...spec, ...options }, { version, explained });
    }, true);
  });
}

function satisfies(version, specifier, options = {}) {
  const filtered = pick([version], specifier, options);

  return filtered.length === 1;
}

function arrayStartsWith(array, prefix) {
  if (prefix.length > array.length) {
    return false;
  }

  for (let i = 0; i < prefix.length; i += 1) {
    if (prefix[i] !== array[i]) {
      return false;
    }
  }

  return true;
}

function contains(specifier, input) {
  const { explained } = input;
  let { version } = input;
  const { ...spec } = specifier;

  if (spec.prereleases === undefined) {
    spec.prereleases = spec.is_prerelease;
  }

  if (explained && explained.is_prerelease && !spec.prereleases) {
    return false;
  }

  if (spec.operator === '~=') {
    let compatiblePrefix = spec.release.slice(0, -1).concat('*').join('.');
    if (spec.epoch) {
      compatiblePrefix = spec.epoch + '!' + compatiblePrefix;
    }
    return satisfies(version, `>=${spec.version}, ==${compatiblePrefix}`, {
      prereleases: spec.prereleases,
    });
  }

  if (spec.prefix) {
    const isMatching =
      explained.epoch === spec.epoch &&
      arrayStartsWith(explained.release, spec.release);
    const isEquality = spec.operator !== '!=';
    return isEquality ? isMatching : !isMatching;
  }

  if (explained)
    if (explained.local && spec.version) {
      version = explained.public;
      spec.version = explainVersion(spec.version).public;
    }

  if (spec.operator === '<' || spec.operator === '>') {
    // simplified version of https://www.python.org/dev/peps/pep-0440/#exclusive-ordered-comparison
    if (Operator.eq(spec.release.join('.'), explained.release.join('.'))) {
      return false;
    }
  }

  const op = Operator[spec.operator];
  return op(version, spec.version || spec.legacy);
}

function validRange(specifier) {
  return Boolean(parse(specifier));
}


/***/ }),

/***/ 818:
/***/ ((module) => {

const VERSION_PATTERN = [
  'v?',
  '(?:',
  /* */ '(?:(?<epoch>[0-9]+)!)?', // epoch
  /* */ '(?<release>[0-9]+(?:\\.[0-9]+)*)', // release segment
  /* */ '(?<pre>', // pre-release
  /*    */ '[-_\\.]?',
  /*    */ '(?<pre_l>(a|b|c|rc|alpha|beta|pre|preview))',
  /*    */ '[-_\\.]?',
  /*    */ '(?<pre_n>[0-9]+)?',
  /* */ ')?',
  /* */ '(?<post>', // post release
  /*    */ '(?:-(?<post_n1>[0-9]+))',
  /*    */ '|',
  /*    */ '(?:',
  /*        */ '[-_\\.]?',
  /*        */ '(?<post_l>post|rev|r)',
  /*        */ '[-_\\.]?',
  /*        */ '(?<post_n2>[0-9]+)?',
  /*    */ ')',
  /* */ ')?',
  /* */ '(?<dev>', // dev release
  /*    */ '[-_\\.]?',
  /*    */ '(?<dev_l>dev)',
  /*    */ '[-_\\.]?',
  /*    */ '(?<dev_n>[0-9]+)?',
  /* */ ')?',
  ')',
  '(?:\\+(?<local>[a-z0-9]+(?:[-_\\.][a-z0-9]+)*))?', // local version
].join('');

module.exports = {
  VERSION_PATTERN,
  valid,
  clean,
  explain,
  parse,
  stringify,
};

const validRegex = new RegExp('^' + VERSION_PATTERN + '$', 'i');

function valid(version) {
  return validRegex.test(version) ? version : null;
}

const cleanRegex = new RegExp('^\\s*' + VERSION_PATTERN + '\\s*$', 'i');
function clean(version) {
  return stringify(parse(version, cleanRegex));
}

function parse(version, regex) {
  // Validate the version and parse it into pieces
  const { groups } = (regex || validRegex).exec(version) || {};
  if (!groups) {
    return null;
  }

  // Store the parsed out pieces of the version
  const parsed = {
    epoch: Number(groups.epoch ? groups.epoch : 0),
    release: groups.release.split('.').map(Number),
    pre: normalize_letter_version(groups.pre_l, groups.pre_n),
    post: normalize_letter_version(
      groups.post_l,
      groups.post_n1 || groups.post_n2,
    ),
    dev: normalize_letter_version(groups.dev_l, groups.dev_n),
    local: parse_local_version(groups.local),
  };

  return parsed;
}

function stringify(parsed) {
  if (!parsed) {
    return null;
  }
  const { epoch, release, pre, post, dev, local } = parsed;
  const parts = [];

  // Epoch
  if (epoch !== 0) {
    parts.push(`${epoch}!`);
  }
  // Release segment
  parts.push(release.join('.'));

  // Pre-release
  if (pre) {
    parts.push(pre.join(''));
  }
  // Post-release
  if (post) {
    parts.push('.' + post.join(''));
  }
  // Development release
  if (dev) {
    parts.push('.' + dev.join(''));
  }
  // Local version segment
  if (local) {
    parts.push(`+${local}`);
  }
  return parts.join('');
}

function normalize_letter_version(letterIn, numberIn) {
  let letter = letterIn;
  let number = numberIn;
  if (letter) {
    // We consider there to be an implicit 0 in a pre-release if there is
    // not a numeral associated with it.
    if (!number) {
      number = 0;
    }
    // We normalize any letters to their lower case form
    letter = letter.toLowerCase();

    // We consider some words to be alternate spellings of other words and
    // in those cases we want to normalize the spellings to our preferred
    // spelling.
    if (letter === 'alpha') {
      letter = 'a';
    } else if (letter === 'beta') {
      letter = 'b';
    } else if (['c', 'pre', 'preview'].includes(letter)) {
      letter = 'rc';
    } else if (['rev', 'r'].includes(letter)) {
      letter = 'post';
    }
    return [letter, Number(number)];
  }
  if (!letter && number) {
    // We assume if we are given a number, but we are not given a letter
    // then this is using the implicit post release syntax (e.g. 1.0-1)
    letter = 'post';

    return [letter, Number(number)];
  }
  return null;
}

function parse_local_version(local) {
  /*
    Takes a string like abc.1.twelve and turns it into("abc", 1, "twelve").
    */
  if (local) {
    return local
      .split(/[._-]/)
      .map((part) =>
        Number.isNaN(Number(part)) ? part.toLowerCase() : Number(part),
      );
  }
  return null;
}

function explain(version) {
  const parsed = parse(version);
  if (!parsed) {
    return parsed;
  }
  const { epoch, release, pre, post, dev, local } = parsed;

  let base_version = '';
  if (epoch !== 0) {
    base_version += epoch + '!';
  }
  base_version += release.join('.');

  const is_prerelease = Boolean(dev || pre);
  const is_devrelease = Boolean(dev);
  const is_postrelease = Boolean(post);

  // return

  return {
    epoch,
    release,
    pre,
    post: post ? post[1] : post,
    dev: dev ? dev[1] : dev,
    local: local ? local.join('.') : local,
    public: stringify(parsed).split('+', 1)[0],
    base_version,
    is_prerelease,
    is_devrelease,
    is_postrelease,
  };
}


/***/ }),

/***/ 158:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(391);

process.exitCode = await (0,_run_js__WEBPACK_IMPORTED_MODULE_0__/* .runCli */ .a)(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 391:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runCli)
});

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/core/errors.js
class ConfigError extends Error {
    location;
    field;
    problem;
    hint;
    name = 'ConfigError';
    constructor(location, 
    /** Dotted path of the offending field, e.g. `tool.microb.target.default.entrypoint`. */
    field, problem, hint) {
        super(`${location.file}:${location.line}:${location.column}: error: ${problem}`);
        this.location = location;
        this.field = field;
        this.problem = problem;
        this.hint = hint;
    }
    /** `PATH:LINE:COL: error: MESSAGE` plus an indented hint line. */
    format() {
        return this.hint ? `${this.message}\n  hint: ${this.hint}` : this.message;
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/error.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
function getLineColFromPtr(string, ptr) {
    let lines = string.slice(0, ptr).split(/\r?\n/);
    return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
    let lines = string.split(/\r?\n/);
    let codeblock = '';
    let numberLen = (Math.log10(line + 1) | 0) + 1;
    for (let i = line - 1; i <= line + 1; i++) {
        let l = lines[i - 1];
        if (!l)
            continue;
        codeblock += i.toString().padEnd(numberLen, ' ');
        codeblock += ':  ';
        codeblock += l;
        codeblock += '\n';
        if (i === line) {
            codeblock += ' '.repeat(numberLen + column + 2);
            codeblock += '^\n';
        }
    }
    return codeblock;
}
class TomlError extends Error {
    line;
    column;
    codeblock;
    constructor(message, options) {
        const [line, column] = getLineColFromPtr(options.toml, options.ptr);
        const codeblock = makeCodeBlock(options.toml, line, column);
        super(`Invalid TOML document: ${message}\n\n${codeblock}`, options);
        this.line = line;
        this.column = column;
        this.codeblock = codeblock;
    }
    /** @internal */
    static x(message, ctx, ptr) {
        throw new TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/primitive.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */

/** @internal */
function parseString(ctx) {
    let startPtr = ctx.p;
    let c = ctx.s.charCodeAt(ctx.p++);
    let first = c;
    let isLiteral = c === 0x27; /* ' */
    let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
    if (isMultiline) {
        // Trim initial newline
        if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 0xa /* \n */)
            ctx.p++;
        else if (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */)
            ctx.p += 2;
    }
    // For the record: it is not worth it to use a fast-path for literal strings using `indexOf`.
    // Doing a char-by-char iteration ends up dispatching less instructions, for the same wall-clock runtime.
    let parsed = '';
    let sliceStart = ctx.p;
    // states:
    //   0 - decoding
    //   1 - decoding escape
    //   2 - whitespace escape (no newline encountered yet, must fail on non-whitespace)
    //   3 - whitespace escape (newline encountered, allowed to transition back to normal decode)
    let state = 0;
    for (; ctx.p < ctx.s.length; ctx.p++) {
        c = ctx.s.charCodeAt(ctx.p);
        // Deal with newlines first, since that simplifies control character checking and handling across all states
        if (isMultiline && (c === 0xa /* \n */ || (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */))) {
            state = state && 3;
        }
        // Control characters are banned in TOML, so we throw an error if we encounter them
        else if ((c < 0x20 && c !== 0x9 /* \t */) || c === 0x7f) {
            TomlError.x('control characters are not allowed in strings', ctx);
        }
        // The string might terminate while we're parsing through a newline escape.
        // It must have encountered a newline; otherwise, it'll simply fail in another branch.
        else if ((!state || state === 3) && c === first && (!isMultiline || (ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first))) {
            if (isMultiline) {
                // If the string ends with 4-5 quotes, then the first 1-2 are part of the string
                if (ctx.s.charCodeAt(ctx.p + 3) === first)
                    ctx.p++;
                if (ctx.s.charCodeAt(ctx.p + 3) === first)
                    ctx.p++;
            }
            // If we're in a newline escape still, then there's nothing to add.
            if (!state) {
                // Avoid a useless concat operation if the string can be used as-is.
                let s = ctx.s.slice(sliceStart, ctx.p);
                parsed = parsed ? parsed + s : s;
            }
            ctx.p += isMultiline ? 3 : 1;
            return parsed;
        }
        // Baseline state; keep moving forward unless an escape sequence starts
        else if (!state) {
            if (!isLiteral && c === 0x5c /* \ */) {
                parsed += ctx.s.slice(sliceStart, (sliceStart = ctx.p));
                state = 1;
            }
        }
        else if (state === 1) {
            if (c === 0x78 /* x */ || c === 0x75 /* u */ || c === 0x55 /* U */) { // Unicode escape
                let errPtr = ctx.p++ - 1;
                let value = 0;
                let len = c === 0x78 /* x */ ? 2 : c === 0x75 /* u */ ? 4 : 8;
                for (let j = 0; j < len; j++, ctx.p++) {
                    let hex = ctx.s.charCodeAt(ctx.p);
                    let digit = 
                    /* 0-9 */ hex >= 0x30 && hex <= 0x39 ? hex - 0x30 :
                        /* A-F */ hex >= 0x41 && hex <= 0x46 ? hex - 0x41 + 10 :
                            /* a-f */ hex >= 0x61 && hex <= 0x66 ? hex - 0x61 + 10 : -1;
                    if (digit < 0)
                        TomlError.x('invalid non-hex character in unicode escape', ctx);
                    value = (value << 4) | digit;
                }
                // Because JS does bitwise on signed 32bit integers, all 0xfzzzzzzz values are actually seen as negative
                if (value < 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
                    TomlError.x('invalid unicode escape', ctx, errPtr);
                }
                parsed += String.fromCodePoint(value);
                sliceStart = ctx.p--;
                state = 0;
            }
            // Newline escape sequence. We only need to care about spaces and tabs; newlines are dealt with earlier
            else if (isMultiline && (c === 0x20 || c === 0x9 /* \t */)) {
                state = 2;
            }
            // Basic escape sequence
            else {
                if (c === 0x62 /* b */)
                    parsed += '\b';
                else if (c === 0x74 /* t */)
                    parsed += '\t';
                else if (c === 0x6e /* n */)
                    parsed += '\n';
                else if (c === 0x66 /* f */)
                    parsed += '\f';
                else if (c === 0x72 /* r */)
                    parsed += '\r';
                else if (c === 0x65 /* e */)
                    parsed += '\x1b';
                else if (c === 0x22 /* " */)
                    parsed += '"';
                else if (c === 0x5c /* \ */)
                    parsed += '\\';
                else
                    TomlError.x('unrecognised escape sequence', ctx);
                sliceStart = ctx.p + 1;
                state = 0;
            }
        }
        // Newline escape continuation: keep moving forward until the first non-whitespace char
        else if (c !== 0x20 && c !== 0x9 /* \t */) {
            if (state === 2)
                TomlError.x('invalid escape: only line-ending whitespace may be escaped', ctx, sliceStart);
            // State cannot be zero, or we'd have branched earlier already.
            // If it's a backslash, immediately transition to the escape state so it can be processed.
            state = !isLiteral && c === 0x5c /* \ */ ? 1 : 0;
            sliceStart = ctx.p;
        }
    }
    TomlError.x('unfinished string', ctx, startPtr);
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/date.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
let DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
class TomlDate extends Date {
    #hasDate = false;
    #hasTime = false;
    #offset = null;
    constructor(date, fasttype, unsafeDelim) {
        let hasDate = true;
        let hasTime = true;
        let offset = 'Z';
        let c;
        if (typeof date === 'string') {
            if (fasttype)
                prep: {
                    // Date-time
                    if (fasttype < 3) {
                        if (+date.slice(11, 13) > 23) {
                            date = '';
                            break prep;
                        }
                        // Local
                        if (fasttype === 2) {
                            offset = null;
                            date += 'Z';
                        }
                        // Offset; keep track of offset if not Z
                        else if ((c = date.charCodeAt(date.length - 1)) !== 0x5a /* Z */ && c !== 0x7a /* z */) {
                            offset = date.slice(date.length - 6);
                        }
                        if (unsafeDelim)
                            date = date.slice(0, 10) + 'T' + date.slice(11);
                    }
                    // Time
                    else if (fasttype === 4) {
                        date = +date.slice(0, 2) > 23 ? '' : `0000-01-01T${date}Z`;
                    }
                    hasDate = fasttype !== 4;
                    hasTime = fasttype !== 3;
                }
            else {
                let match = date.match(DATE_TIME_RE);
                if (match) {
                    if (!match[1]) {
                        hasDate = false;
                        date = `0000-01-01T${date}`;
                    }
                    hasTime = !!match[2];
                    // Make sure to use T instead of a space. Breaks in case of extreme values otherwise.
                    hasTime && date[10] === ' ' && (date = date.replace(' ', 'T'));
                    // Do not allow rollover hours.
                    if (match[2] && +match[2] > 23) {
                        date = '';
                    }
                    else {
                        offset = match[3] || null;
                        if (!offset && hasTime)
                            date += 'Z';
                    }
                }
                else {
                    date = '';
                }
            }
        }
        super(date);
        if (!isNaN(this.getTime())) {
            this.#hasDate = hasDate;
            this.#hasTime = hasTime;
            this.#offset = offset;
        }
    }
    isDateTime() {
        return this.#hasDate && this.#hasTime;
    }
    isLocal() {
        return !this.#hasDate || !this.#hasTime || !this.#offset;
    }
    isDate() {
        return this.#hasDate && !this.#hasTime;
    }
    isTime() {
        return this.#hasTime && !this.#hasDate;
    }
    isValid() {
        return this.#hasDate || this.#hasTime;
    }
    toISOString() {
        let iso = super.toISOString();
        // Local Date
        if (this.isDate())
            return iso.slice(0, 10);
        // Local Time
        if (this.isTime())
            return iso.slice(11, 23);
        // Local DateTime
        if (this.#offset === null)
            return iso.slice(0, -1);
        // Offset DateTime
        if (this.#offset === 'Z' || this.#offset === 'z')
            return iso;
        // This part is quite annoying: JS strips the original timezone from the ISO string representation
        // Instead of using a "modified" date and "Z", we restore the representation "as authored"
        let offset = (+(this.#offset.slice(1, 3)) * 60) + +(this.#offset.slice(4, 6));
        offset = this.#offset[0] === '-' ? offset : -offset;
        let offsetDate = new Date(this.getTime() - (offset * 60e3));
        return offsetDate.toISOString().slice(0, -1) + this.#offset;
    }
    static wrapAsOffsetDateTime(jsDate, offset = 'Z') {
        let date = new TomlDate(jsDate);
        date.#offset = offset;
        return date;
    }
    static wrapAsLocalDateTime(jsDate) {
        let date = new TomlDate(jsDate);
        date.#offset = null;
        return date;
    }
    static wrapAsLocalDate(jsDate) {
        let date = new TomlDate(jsDate);
        date.#hasTime = false;
        date.#offset = null;
        return date;
    }
    static wrapAsLocalTime(jsDate) {
        let date = new TomlDate(jsDate);
        date.#hasDate = false;
        date.#offset = null;
        return date;
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/extract.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




function isDigit(char, base = 10) {
    return base === 16
        ? (char > 0x2f && char < 0x3a) || (char > 0x40 && char < 0x47) || (char > 0x60 && char < 0x67)
        : (char > 0x2f && char < 0x30 + base);
}
function isEndOfValue(char, delim) {
    // Whitespace -- we're permissive on `\r` for performance; it'll be dealt with later anyway
    return char === 0x20 || char === 0x9 /* \t */ || char === 0xa /* \n */ || char === 0xd /* \r */ ||
        // Structure end or next value delimiter
        (delim && (char === delim || char === 0x2c /* , */)) ||
        // Comment
        char === 0x23; /* # */
}
/** @internal */
function extractValue(ctx, end) {
    let errPtr = ctx.p;
    let c = ctx.s.charCodeAt(ctx.p);
    // Structs
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        ctx.d-- || TomlError.x('document contains excessively nested structures. aborting.', ctx);
        let value = c === 0x5b /* [ */
            ? parseArray(ctx)
            : parseInlineTable(ctx);
        ctx.d++;
        return value;
    }
    // Strings
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
        return parseString(ctx);
    }
    // Booleans
    // We can fast-path because the first character is enough to know the only possible value
    if (c === 0x74 /* t */) { // Only possible valid value is `true`
        if (ctx.s.charCodeAt(++ctx.p) !== 0x72 || ctx.s.charCodeAt(++ctx.p) !== 0x75 || ctx.s.charCodeAt(++ctx.p) !== 0x65)
            TomlError.x('invalid value', ctx, errPtr);
        return ctx.p++, true;
    }
    if (c === 0x66 /* f */) { // Only possible valid value is `false`
        if (ctx.s.charCodeAt(++ctx.p) !== 0x61 || ctx.s.charCodeAt(++ctx.p) !== 0x6c || ctx.s.charCodeAt(++ctx.p) !== 0x73 || ctx.s.charCodeAt(++ctx.p) !== 0x65)
            TomlError.x('invalid value', ctx, errPtr);
        return ctx.p++, false;
    }
    if (c === 0x2b /* + */ || c === 0x2d /* - */) {
        return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 0x2c - c, end);
    }
    // Rough heuristic, but `parseDate` falls back to number parsing if it's a false positive.
    // e.g.: `a = 1\n-------------- = 1` would match this heuristic, but gracefully fallback to numbers.
    if (ctx.s.charCodeAt(ctx.p + 4) === 0x2d /* - */ && ctx.s.charCodeAt(ctx.p + 7) === 0x2d /* - */) {
        return parseDate(ctx, c, end);
    }
    // Same logic as above; `parseTime` falls back to number parsing if it's a false positive.
    if (ctx.s.charCodeAt(ctx.p + 2) === 0x3a /* : */) {
        return parseTime(ctx, c, end);
    }
    return parseNumber(ctx, ctx.p, c, 0, end);
}
// State:
// 0: init
// 1: integer
// 2: fractional dot
// 3: fractional
// 4: exponent letter
// 5: exponent
// 6: exponent sign
// 7: exponent with sign
// >9: underscore; see below
//     -> 12: was integer
//     -> 14: was fractional
//     -> 16: was exponent
// states 2-5, 14, 16 are ONLY permitted iif base === 10
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
    let c = startChr;
    let state = 0;
    let hasUnderscores = false;
    // (+/-)inf
    if (c === 0x69 /* i */) {
        if (ctx.s.charCodeAt(++ctx.p) !== 0x6e || ctx.s.charCodeAt(++ctx.p) !== 0x66)
            TomlError.x('invalid value', ctx, startPtr);
        return ctx.p++, (sign || 1) / 0;
    }
    // (+/-)nan
    if (c === 0x6e /* n */) {
        if (ctx.s.charCodeAt(++ctx.p) !== 0x61 || ctx.s.charCodeAt(++ctx.p) !== 0x6e)
            TomlError.x('invalid value', ctx, startPtr);
        return ctx.p++, NaN;
    }
    // Leading zero
    // Only allowed cases: `0<EOV>`, `0.(...)`, `0e(...)`, `0x(...)`, `0b(...)`, `0o(...)`
    // FWIW, `0e(...)` is a stupid case, but it's not banned per-se so we have to parse it
    if (c === 0x30 /* 0 */) {
        if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
            return ctx.bi === true ? 0n : 0; // note: conveniently deals with `-0`
        if (!sign) {
            if (c === 0x78 /* x */)
                return parseIntegerBaseN(ctx, startPtr, 16, endChr);
            else if (c === 0x62 /* b */)
                return parseIntegerBaseN(ctx, startPtr, 2, endChr);
            else if (c === 0x6f /* o */)
                return parseIntegerBaseN(ctx, startPtr, 8, endChr);
        }
        if (c === 0x2e /* . */)
            state = 2;
        else if (c === 0x65 /* e */ || c === 0x45 /* E */)
            state = 4;
        else
            TomlError.x('illegal leading zero', ctx, startPtr);
    }
    // If the 1st char is not a digit by now, then it's not a valid TOML value at all
    else if (!isDigit(c))
        TomlError.x('invalid value', ctx, startPtr);
    while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
        if (!state)
            state = 1; // Detects single-digit numbers we can use a fast parse path for
        // The way the states are numbered is not random: underscores are always permitted in odd-numbered states and
        // never permitted in even-numbered ones.
        if (c === 0x5f /* _ */) {
            if (!(state & 1))
                TomlError.x('illegal underscore', ctx);
            state += 11; // 11 is a marker that makes the state even and greater than 9; see the numbering + rationale above
            hasUnderscores = true;
        }
        // Transition to fractional part.
        else if (state === 1 && c === 0x2e /* . */)
            state = 2;
        // Transition to exponent part.
        else if ((state === 1 || state === 3) && (c === 0x65 /* e */ || c === 0x45 /* E */))
            state = 4;
        // + and - are permitted in state 4 only (handled before entering the function for state 0)
        else if (state === 4 && (c === 0x2b /* + */ || c === 0x2d /* - */)) {
            state = 6;
        }
        // All special cases have been handled; only digits are allowed here
        else if (!isDigit(c))
            TomlError.x(`illegal character in numeric literal`, ctx);
        // Clear state flags
        else if (state > 9)
            state -= 11;
        else if (!(state & 1))
            state++;
    }
    // Single-char number; we can fast-path these very easily.
    if (!state) {
        let val = (startChr - 0x30 /* 0 */) * (sign || 1);
        return ctx.bi === true ? BigInt(val) : val;
    }
    // Even-numbered states absolutely require a digit next; not even end of value is permitted
    if (!(state & 1))
        TomlError.x('unfinished numeric value', ctx, startPtr);
    let str = ctx.s.slice(startPtr, ctx.p);
    if (hasUnderscores)
        str = str.replaceAll('_', ''); // perf: replaceAll 1.25x faster than replace with a regex
    return state > 1
        ? parseFloat(str)
        : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
    let c, underscore = 1;
    while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
        if (c === 0x5f /* _ */) {
            if (underscore & 1)
                TomlError.x('illegal underscore', ctx);
            underscore = 3;
        }
        // We only need to check if the number is a valid digit, nothing else is permitted
        else if (!isDigit(c, base))
            TomlError.x(`illegal character in numeric literal`, ctx);
        // Clear underscore flag
        else if (underscore & 1)
            underscore--;
    }
    // Trailing underscore is not allowed
    if (underscore & 1)
        TomlError.x('unfinished numeric value', ctx);
    let str = ctx.s.slice(startPtr + 2, ctx.p);
    if (underscore)
        str = str.replaceAll('_', ''); // perf: replaceAll 1.25x faster than replace with a regex
    return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
    if (ctx.bi !== true)
        int: {
            let val = parseInt(str, base);
            if (!Number.isSafeInteger(val)) {
                if (ctx.bi)
                    break int;
                TomlError.x('integer value cannot be represented losslessly', ctx, startPtr);
            }
            return val;
        }
    return base === 10 ? BigInt(str) : BigInt((base === 2 ? '0b' : base === 8 ? '0o' : '0x') + str);
}
function parseDate(ctx, c, endChr) {
    let startPtr = ctx.p++, unsafeSeparator;
    if (!isDigit(c) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++)) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++)) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++))) {
        return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
    }
    ctx.p += 5;
    if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
        TomlError.x('invalid date-time: date part is malformed', ctx, startPtr);
    if (ctx.p >= ctx.s.length || (((c = ctx.s.charCodeAt(ctx.p)) !== 0x20 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 0x54 /* T */ && c !== 0x74 /* t */)) {
        let t = ctx.s.slice(startPtr, ctx.p);
        return readDate(ctx, t, 3, false, startPtr);
    }
    if (ctx.s.charCodeAt(ctx.p += 3) !== 0x3a /* : */)
        TomlError.x('invalid date-time: time part is malformed', ctx, startPtr);
    if (ctx.s.charCodeAt(ctx.p += 3) === 0x3a /* : */)
        ctx.p += 3;
    if (ctx.s.charCodeAt(ctx.p) === 0x2e /* . */)
        while (isDigit(ctx.s.charCodeAt(++ctx.p)))
            ;
    if (c = ctx.s.charCodeAt(ctx.p)) {
        if (c === 0x5a /* Z */ || c === 0x7a /* z */) {
            let t = ctx.s.slice(startPtr, ++ctx.p);
            return readDate(ctx, t, 1, unsafeSeparator, startPtr, '[+00:00]');
        }
        if (c === 0x2b /* + */ || c === 0x2d /* - */) {
            // Temporal's ZonedDateTime is weird asf when it comes to dealing with traditional offsets...
            // It's 1.2x faster to allocate a new string to pass to ZDT than use Instant.toZonedDateTimeISO
            let t = ctx.s.slice(startPtr, ctx.p += 6);
            return readDate(ctx, t, 1, unsafeSeparator, startPtr, !ctx.ld && ('[' + ctx.s.slice(ctx.p - 6, ctx.p) + ']'));
        }
    }
    let t = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
    let start = ctx.p;
    if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
        return parseNumber(ctx, --ctx.p, c, 0, endChr);
    }
    if (ctx.s.charCodeAt(ctx.p += 4) === 0x3a /* : */)
        ctx.p += 3;
    if (ctx.s.charCodeAt(ctx.p) === 0x2e /* . */)
        while (isDigit(ctx.s.charCodeAt(++ctx.p)))
            ;
    let t = ctx.s.slice(start, ctx.p);
    return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
    if (ctx.ld) {
        let date = new TomlDate(str, type, unsafeDelim);
        if (!date.isValid())
            TomlError.x('invalid date', ctx, errPtr);
        return date;
    }
    try {
        if (temporalSuffix)
            str += temporalSuffix;
        switch (type) {
            case 1: return Temporal.ZonedDateTime.from(str);
            case 2: return Temporal.PlainDateTime.from(str);
            case 3: return Temporal.PlainDate.from(str);
            case 4: return Temporal.PlainTime.from(str);
        }
    }
    catch (e) {
        TomlError.x(e instanceof Error ? e.message : '' + e, ctx, errPtr);
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/util.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */

/** @internal */
function skipComment(ctx) {
    for (; ctx.p < ctx.s.length; ctx.p++) {
        let c = ctx.s.charCodeAt(ctx.p);
        if (c === 0xa /* \n */)
            break;
        if (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */) {
            ctx.p++;
            break;
        }
        if ((c < 0x20 && c !== 0x9 /* \t */) || c === 0x7f) {
            TomlError.x('control characters are not allowed in comments', ctx);
        }
    }
}
/** @internal */
function skipVoid(ctx, banNewLines, banComments) {
    let c;
    while (ctx.p < ctx.s.length) {
        while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 0x20 ||
            c === 0x9 /* \t */ ||
            (!banNewLines &&
                (c === 0xa /* \n */ || (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */)))))
            ctx.p++;
        if (banComments || c !== 0x23 /* # */)
            break;
        skipComment(ctx);
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/struct.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




/** @internal */
function parseKey(ctx, end = 0x3d /* = */) {
    // States:
    // 0: before first char
    // 1: parsing bare key
    // 2: after key component
    let startPtr;
    let state = 0;
    let parsed = [];
    let sliceStart;
    let c = ctx.s.charCodeAt(startPtr = ctx.p);
    do {
        // End of key
        if (c === end) {
            if (!state)
                TomlError.x('unexpected end of key', ctx);
            if (state === 1)
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
            return ctx.p++, parsed;
        }
        // Dotted key separator
        else if (c === 0x2e /* . */) {
            if (!state)
                TomlError.x('illegal empty bare key', ctx);
            if (state === 1)
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
            state = 0;
        }
        // Quoted key
        else if (!state && (c === 0x22 /* " */ || c === 0x27 /* ' */)) {
            if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
                TomlError.x('illegal quoted key: multiline strings are not allowed', ctx);
            parsed.push(parseString(ctx));
            state = 2;
            ctx.p--;
        }
        // Whitespace; no-op in state 0 and 2, end of bare key in state 1
        else if (c === 0x20 || c === 0x9 /* \t */) {
            if (state === 1) {
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
                state = 2;
            }
        }
        // If state is post-key, no character is allowed; otherwise ensure it's a bare-key component
        else if (state === 2 || (c < 0x30 && c !== 0x2d /* - */) || (c > 0x39 && c < 0x41) || (c > 0x5a && c < 0x61 && c !== 0x5f /* _ */) || c > 0x7a) {
            TomlError.x('illegal character in key', ctx);
        }
        // Illegal character
        else if (!state) {
            state = 1;
            sliceStart = ctx.p;
        }
    } while (c = ctx.s.charCodeAt(++ctx.p));
    TomlError.x('incomplete key-value: cannot find end of key', ctx, startPtr);
}
/** @internal */
function parseInlineTable(ctx) {
    let startPtr = ctx.p++;
    let res = Object.create(null);
    let seen = new Set();
    let c;
    while (ctx.p < ctx.s.length) {
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p)) === 0x7d /* } */) {
            ctx.p++;
            return res;
        }
        let k;
        let t = res;
        let hasOwn = false;
        let errPtr = ctx.p;
        let key = parseKey(ctx);
        for (let i = 0; i < key.length; i++) {
            if (i)
                t = hasOwn ? t[k] : (t[k] = Object.create(null));
            k = key[i];
            if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== 'object' || seen.has(t[k]))) {
                TomlError.x('trying to redefine an already defined value', ctx, errPtr);
            }
            let unsafe = k === '__proto__';
            if (ctx.uk && (unsafe || k === 'constructor')) {
                t = ctx.uk !== 1 && TomlError.x('document contains an unsafe property', ctx, errPtr);
                break;
            }
            if (!hasOwn && unsafe) {
                Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
            }
        }
        if (hasOwn) {
            TomlError.x('trying to redefine an already defined value', ctx, errPtr);
        }
        skipVoid(ctx, true, true);
        let value = extractValue(ctx, 0x7d /* } */);
        if (t && typeof (t[k] = value) === 'object')
            seen.add(value);
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p++)) === 0x7d /* } */) {
            return res;
        }
        if (c !== 0x2c /* , */)
            TomlError.x('expected comma or end of structure', ctx, ctx.p - 1);
    }
    TomlError.x('unfinished table', ctx, startPtr);
}
/** @internal */
function parseArray(ctx) {
    let startPtr = ctx.p++;
    let res = [];
    let c;
    while (ctx.p < ctx.s.length) {
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p)) === 0x5d /* ] */) {
            ctx.p++;
            return res;
        }
        res.push(extractValue(ctx, 0x5d /* ] */));
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p++)) === 0x5d /* ] */) {
            return res;
        }
        if (c !== 0x2c /* , */)
            TomlError.x('expected comma or end of structure', ctx, ctx.p - 1);
    }
    TomlError.x('unfinished array', ctx, startPtr);
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/parse.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




function peekTable(ctx, key, table, meta, type) {
    let t = table;
    let m = meta;
    let k;
    let hasOwn = false;
    let state;
    for (let i = 0; i < key.length; i++) {
        if (i) {
            t = hasOwn ? t[k] : (t[k] = Object.create(null));
            m = (state = m[k]).c;
            if (type === 0 /* Type.DOTTED */ && (state.t === 1 /* Type.EXPLICIT */ || state.t === 2 /* Type.ARRAY */)) {
                return null;
            }
            if (state.t === 2 /* Type.ARRAY */) {
                let l = t.length - 1;
                t = t[l];
                m = m[l].c;
            }
        }
        k = key[i];
        if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 /* Type.DOTTED */ && m[k]?.d) {
            return null;
        }
        if (!hasOwn) {
            let unsafe = k === '__proto__';
            if (ctx.uk && (unsafe || k === 'constructor'))
                return false;
            if (unsafe) {
                Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
                Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
            }
            m[k] = {
                t: i < key.length - 1 && type === 2 /* Type.ARRAY */
                    ? 3 /* Type.ARRAY_DOTTED */ : type,
                d: false,
                i: 0,
                c: Object.create(null),
            };
        }
    }
    state = m[k];
    if (state.t !== type && !(type === 1 /* Type.EXPLICIT */ && state.t === 3 /* Type.ARRAY_DOTTED */)) {
        // Bad key type!
        return null;
    }
    if (type === 2 /* Type.ARRAY */) {
        if (!state.d) {
            state.d = true;
            t[k] = [];
        }
        t[k].push(t = Object.create(null));
        state.c[state.i++] = (state = { t: 1 /* Type.EXPLICIT */, d: false, i: 0, c: Object.create(null) });
    }
    if (state.d) {
        // Redefining a table!
        return null;
    }
    state.d = true;
    if (type === 1 /* Type.EXPLICIT */) {
        t = hasOwn ? t[k] : (t[k] = Object.create(null));
    }
    else if (type === 0 /* Type.DOTTED */ && hasOwn) {
        return null;
    }
    return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
    if (peek === null || ctx.uk === 2)
        TomlError.x(peek === null
            ? 'trying to redefine an already defined table or value'
            : 'document contains an unsafe property', ctx, ptr);
}
function parse(toml, options = {}) {
    let ctx = {
        s: toml,
        p: 0,
        d: options.maxDepth ?? 1000,
        bi: options.integersAsBigInt ?? false,
        ld: options.useLegacyDate ?? true,
        uk: options.unsafeKeyBehaviour === 'throw' ? 2 : options.unsafeKeyBehaviour === 'drop' ? 1 : 0,
    };
    let res = Object.create(null);
    let meta = Object.create(null);
    let tmp;
    let skipping = false;
    let tbl = res;
    let m = meta;
    // BOM is allowed, skip.
    // JS is UTF-16, so we have to check for the UTF-16 BOM instead of the UTF-8 BOM sequence!
    if (toml.charCodeAt(0) === 0xfeff)
        ctx.p++;
    skipVoid(ctx);
    while (ctx.p < toml.length) {
        if (toml.charCodeAt(ctx.p) === 0x5b /* [ */) {
            let isTableArray = toml.charCodeAt(++ctx.p) === 0x5b; /* [ */
            tmp = ctx.p += +isTableArray;
            skipping = false;
            let k = parseKey(ctx, 0x5d /* ] */);
            if (isTableArray) {
                if (toml.charCodeAt(ctx.p) !== 0x5d /* ] */) {
                    TomlError.x('expected end of table array declaration', ctx);
                }
                ctx.p++;
            }
            let p = peekTable(ctx, k, res, meta, isTableArray ? 2 /* Type.ARRAY */ : 1 /* Type.EXPLICIT */);
            if (!p) {
                validateTablePeek(ctx, p, tmp);
                skipping = true;
            }
            else {
                m = p[2];
                tbl = p[1];
            }
        }
        else {
            tmp = ctx.p;
            let k = parseKey(ctx);
            let p = peekTable(ctx, k, tbl, m, 0 /* Type.DOTTED */);
            if (!p && !skipping)
                validateTablePeek(ctx, p, tmp);
            skipVoid(ctx, true, true);
            let v = extractValue(ctx, void 0);
            if (p && !skipping)
                p[1][p[0]] = v;
        }
        skipVoid(ctx, true);
        if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 0xa /* \n */ && (tmp !== 0xd /* \r */ || toml.charCodeAt(ctx.p + 1) !== 0xa /* \n */)) {
            TomlError.x('each key-value declaration must be followed by an end-of-line', ctx);
        }
        skipVoid(ctx);
    }
    return res;
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/stringify.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
let BARE_KEY = /^[a-z0-9-_]+$/i;
let HAS_WELLFORMED = !!(''.isWellFormed);
function extendedTypeOf(obj) {
    let type = typeof obj;
    if (type === 'object') {
        if (Array.isArray(obj))
            return 'array';
        if (typeof obj.getUTCDate === 'function' && obj instanceof Date)
            return 'date';
        if (globalThis.Temporal) {
            if (obj.until) {
                if (obj instanceof Temporal.ZonedDateTime)
                    return 'temporal/tz+uc';
                if (obj instanceof Temporal.PlainDateTime || obj instanceof Temporal.PlainDate)
                    return 'temporal/uc';
                if (obj instanceof Temporal.PlainTime || obj instanceof Temporal.Instant)
                    return 'temporal';
                if (obj instanceof Temporal.PlainYearMonth)
                    return 'temporal/x';
            }
            else if ((obj.toPlainDate && obj instanceof Temporal.PlainMonthDay) ||
                (obj.negated && obj instanceof Temporal.Duration)) {
                return 'temporal/x';
            }
        }
    }
    return type;
}
function isArrayOfTables(obj) {
    for (let i = 0; i < obj.length; i++) {
        if (extendedTypeOf(obj[i]) !== 'object')
            return false;
    }
    return obj.length != 0;
}
function formatWellFormedStringUnchecked(s) {
    return JSON.stringify(s).replaceAll('\x7f', '\\u007f');
}
function formatString(s) {
    return formatWellFormedStringUnchecked(HAS_WELLFORMED ? s.toWellFormed() : s);
}
function formatKey(s) {
    if (BARE_KEY.test(s))
        return s;
    if (HAS_WELLFORMED && !s.isWellFormed())
        throw new RangeError('key contains illegal lone surrogates');
    return formatWellFormedStringUnchecked(s);
}
function stringifyValue(val, type, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    switch (type) {
        // @ts-expect-error -- intentional fallthrough case
        case 'number':
            if (isNaN(val))
                return 'nan';
            if (val === Infinity)
                return 'inf';
            if (val === -Infinity)
                return '-inf';
            if (Number.isInteger(val) && (numberAsFloat || !Number.isSafeInteger(val)))
                return val.toFixed(1);
        case 'bigint':
        case 'boolean':
        case 'temporal':
            return val.toString();
        case 'string':
            return formatString(val);
        case 'date':
            if (isNaN(val.getTime()))
                throw new TypeError('cannot serialize invalid date');
            return val.toISOString();
        case 'object':
            return stringifyInlineTable(val, depth, numberAsFloat, strictTemporal);
        case 'array':
            return stringifyArray(val, depth, numberAsFloat, strictTemporal);
        // @ts-expect-error -- intentional fallthrough case
        case 'temporal/tz+uc':
            if (strictTemporal) {
                let tz = val.timeZoneId;
                let tzc = tz.charCodeAt(0);
                if (
                // Classic offset
                tzc !== 0x2b /* + */ && tzc !== 0x2d /* - */ &&
                    (
                    // Fast pre-check pass; see below for the actually accepted values
                    (tzc !== 0x55 /* U */ && tzc !== 0x47 /* G */ && tzc !== 0x5a /* Z */ && tzc !== 0x45 /* E */) ||
                        (
                        // UTC and its aliases; Temporal implementations don't all canonicalise unfortunately
                        tz !== 'UTC' && tz !== 'UCT' && tz !== 'Universal' && tz !== 'Zulu' &&
                            // GMT is a TZ but it's for all intents and purposes equivalent to UTC. Safe to downgrade.
                            !tz.startsWith('GMT') && tz !== 'Greenwich' &&
                            // Etc/* are all safe to downgrade to offset (either UTC, GMT, or offset)
                            !tz.startsWith('Etc/')))) {
                    throw new TypeError('Temporal objects with an IANA timezone are not allowed in Temporal strict mode');
                }
            }
        case 'temporal/uc':
            if (strictTemporal && val.calendarId !== 'iso8601')
                throw new TypeError('Temporal objects with a non-default calendar are not allowed in Temporal strict mode');
            return val.toString({
                calendarName: 'never',
                timeZoneName: 'never',
            });
        case 'temporal/x':
            throw new TypeError('Unsupported ' + val[Symbol.toStringTag]);
    }
}
function stringifyInlineTable(obj, depth, numberAsFloat, strictTemporal) {
    let keys = Object.keys(obj);
    if (keys.length === 0)
        return '{}';
    let res = '{ ';
    for (let i = 0; i < keys.length; i++) {
        let k = keys[i];
        if (i)
            res += ', ';
        res += formatKey(k) + ' = ' + stringifyValue(obj[k], extendedTypeOf(obj[k]), depth - 1, numberAsFloat, strictTemporal);
    }
    return res + ' }';
}
function stringifyArray(array, depth, numberAsFloat, strictTemporal) {
    if (array.length === 0)
        return '[]';
    let res = '[ ';
    for (let i = 0; i < array.length; i++) {
        if (i)
            res += ', ';
        if (array[i] === null || array[i] === void 0) {
            throw new TypeError('arrays cannot contain null or undefined values');
        }
        res += stringifyValue(array[i], extendedTypeOf(array[i]), depth - 1, numberAsFloat, strictTemporal);
    }
    return res + ' ]';
}
function stringifyArrayTable(array, key, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    let res = '';
    for (let i = 0; i < array.length; i++) {
        res += `${res && '\n'}[[${key}]]\n`;
        res += stringifyTable(0, array[i], key, depth, numberAsFloat, strictTemporal);
    }
    return res;
}
function stringifyTable(tableKey, obj, prefix, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    let preamble = '';
    let tables = '';
    let keys = Object.keys(obj);
    for (let i = 0; i < keys.length; i++) {
        let k = keys[i];
        if (obj[k] !== null && obj[k] !== void 0) {
            let type = extendedTypeOf(obj[k]);
            if (type === 'symbol' || type === 'function') {
                throw new TypeError(`cannot serialize values of type '${type}'`);
            }
            let key = formatKey(k);
            if (type === 'array' && isArrayOfTables(obj[k])) {
                tables += (tables && '\n') + stringifyArrayTable(obj[k], prefix ? `${prefix}.${key}` : key, depth - 1, numberAsFloat, strictTemporal);
            }
            else if (type === 'object') {
                let tblKey = prefix ? `${prefix}.${key}` : key;
                tables += (tables && '\n') + stringifyTable(tblKey, obj[k], tblKey, depth - 1, numberAsFloat, strictTemporal);
            }
            else {
                preamble += key;
                preamble += ' = ';
                preamble += stringifyValue(obj[k], type, depth, numberAsFloat, strictTemporal);
                preamble += '\n';
            }
        }
    }
    if (tableKey && (preamble || !tables)) // Create table only if necessary
        preamble = preamble ? `[${tableKey}]\n${preamble}` : `[${tableKey}]`;
    return preamble && tables
        ? `${preamble}\n${tables}`
        : preamble || tables;
}
function stringify(obj, { maxDepth = 1000, numbersAsFloat = false, strictTemporal = false } = {}) {
    if (extendedTypeOf(obj) !== 'object') {
        throw new TypeError('stringify can only be called with an object');
    }
    let str = stringifyTable(0, obj, '', maxDepth, numbersAsFloat, strictTemporal);
    if (str[str.length - 1] !== '\n')
        return str + '\n';
    return str;
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/index.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */





/** @deprecated use `import * as ... from 'smol-toml'` instead */
/* harmony default export */ const dist = ({ parse: parse, stringify: stringify, TomlDate: TomlDate, TomlError: TomlError });

;// CONCATENATED MODULE: ./node_modules/toml-eslint-parser/lib/chunk-15K8U1wQ.mjs
//#region rolldown:runtime
var __defProp = Object.defineProperty;
var __exportAll = (all, symbols) => {
	let target = {};
	for (var name in all) {
		__defProp(target, name, {
			get: all[name],
			enumerable: true
		});
	}
	if (symbols) {
		__defProp(target, Symbol.toStringTag, { value: "Module" });
	}
	return target;
};

//#endregion

;// CONCATENATED MODULE: ./node_modules/eslint-visitor-keys/lib/visitor-keys.js
/* eslint-disable jsdoc/valid-types -- doesn't allow `readonly`.
   TODO: remove eslint-disable when https://github.com/jsdoc-type-pratt-parser/jsdoc-type-pratt-parser/issues/164 is fixed
*/
/**
 * @typedef {{ readonly [type: string]: ReadonlyArray<string> }} VisitorKeys
 */
/* eslint-enable jsdoc/valid-types -- doesn't allow `readonly string[]`. TODO: check why */

/**
 * @type {VisitorKeys}
 */
const KEYS = {
	ArrayExpression: ["elements"],
	ArrayPattern: ["elements"],
	ArrowFunctionExpression: ["params", "body"],
	AssignmentExpression: ["left", "right"],
	AssignmentPattern: ["left", "right"],
	AwaitExpression: ["argument"],
	BinaryExpression: ["left", "right"],
	BlockStatement: ["body"],
	BreakStatement: ["label"],
	CallExpression: ["callee", "arguments"],
	CatchClause: ["param", "body"],
	ChainExpression: ["expression"],
	ClassBody: ["body"],
	ClassDeclaration: ["id", "superClass", "body"],
	ClassExpression: ["id", "superClass", "body"],
	ConditionalExpression: ["test", "consequent", "alternate"],
	ContinueStatement: ["label"],
	DebuggerStatement: [],
	DoWhileStatement: ["body", "test"],
	EmptyStatement: [],
	ExperimentalRestProperty: ["argument"],
	ExperimentalSpreadProperty: ["argument"],
	ExportAllDeclaration: ["exported", "source", "attributes"],
	ExportDefaultDeclaration: ["declaration"],
	ExportNamedDeclaration: [
		"declaration",
		"specifiers",
		"source",
		"attributes",
	],
	ExportSpecifier: ["local", "exported"],
	ExpressionStatement: ["expression"],
	ForInStatement: ["left", "right", "body"],
	ForOfStatement: ["left", "right", "body"],
	ForStatement: ["init", "test", "update", "body"],
	FunctionDeclaration: ["id", "params", "body"],
	FunctionExpression: ["id", "params", "body"],
	Identifier: [],
	IfStatement: ["test", "consequent", "alternate"],
	ImportAttribute: ["key", "value"],
	ImportDeclaration: ["specifiers", "source", "attributes"],
	ImportDefaultSpecifier: ["local"],
	ImportExpression: ["source", "options"],
	ImportNamespaceSpecifier: ["local"],
	ImportSpecifier: ["imported", "local"],
	JSXAttribute: ["name", "value"],
	JSXClosingElement: ["name"],
	JSXClosingFragment: [],
	JSXElement: ["openingElement", "children", "closingElement"],
	JSXEmptyExpression: [],
	JSXExpressionContainer: ["expression"],
	JSXFragment: ["openingFragment", "children", "closingFragment"],
	JSXIdentifier: [],
	JSXMemberExpression: ["object", "property"],
	JSXNamespacedName: ["namespace", "name"],
	JSXOpeningElement: ["name", "attributes"],
	JSXOpeningFragment: [],
	JSXSpreadAttribute: ["argument"],
	JSXSpreadChild: ["expression"],
	JSXText: [],
	LabeledStatement: ["label", "body"],
	Literal: [],
	LogicalExpression: ["left", "right"],
	MemberExpression: ["object", "property"],
	MetaProperty: ["meta", "property"],
	MethodDefinition: ["key", "value"],
	NewExpression: ["callee", "arguments"],
	ObjectExpression: ["properties"],
	ObjectPattern: ["properties"],
	PrivateIdentifier: [],
	Program: ["body"],
	Property: ["key", "value"],
	PropertyDefinition: ["key", "value"],
	RestElement: ["argument"],
	ReturnStatement: ["argument"],
	SequenceExpression: ["expressions"],
	SpreadElement: ["argument"],
	StaticBlock: ["body"],
	Super: [],
	SwitchCase: ["test", "consequent"],
	SwitchStatement: ["discriminant", "cases"],
	TaggedTemplateExpression: ["tag", "quasi"],
	TemplateElement: [],
	TemplateLiteral: ["quasis", "expressions"],
	ThisExpression: [],
	ThrowStatement: ["argument"],
	TryStatement: ["block", "handler", "finalizer"],
	UnaryExpression: ["argument"],
	UpdateExpression: ["argument"],
	VariableDeclaration: ["declarations"],
	VariableDeclarator: ["id", "init"],
	WhileStatement: ["test", "body"],
	WithStatement: ["object", "body"],
	YieldExpression: ["argument"],
};

// Types.
const NODE_TYPES = Object.keys(KEYS);

// Freeze the keys.
for (const type of NODE_TYPES) {
	Object.freeze(KEYS[type]);
}
Object.freeze(KEYS);

/* harmony default export */ const visitor_keys = (KEYS);

;// CONCATENATED MODULE: ./node_modules/eslint-visitor-keys/lib/index.js
/**
 * @author Toru Nagashima <https://github.com/mysticatea>
 * See LICENSE file in root directory for full license.
 */


/**
 * @typedef {import('./visitor-keys.js').VisitorKeys} VisitorKeys
 */

// List to ignore keys.
const KEY_BLACKLIST = new Set([
	"parent",
	"leadingComments",
	"trailingComments",
]);

/**
 * Check whether a given key should be used or not.
 * @param {string} key The key to check.
 * @returns {boolean} `true` if the key should be used.
 */
function filterKey(key) {
	return !KEY_BLACKLIST.has(key) && key[0] !== "_";
}

/* eslint-disable jsdoc/valid-types -- doesn't allow `readonly`.
   TODO: remove eslint-disable when https://github.com/jsdoc-type-pratt-parser/jsdoc-type-pratt-parser/issues/164 is fixed
*/
/**
 * Get visitor keys of a given node.
 * @param {Object} node The AST node to get keys.
 * @returns {readonly string[]} Visitor keys of the node.
 */
function getKeys(node) {
	return Object.keys(node).filter(filterKey);
}
/* eslint-enable jsdoc/valid-types -- doesn't allow `readonly` */

/**
 * Make the union set with `KEYS` and given keys.
 * @param {VisitorKeys} additionalKeys The additional keys.
 * @returns {VisitorKeys} The union set.
 */
function unionWith(additionalKeys) {
	const retv =
		/** @type {{ [type: string]: ReadonlyArray<string> }} */
		(Object.assign({}, visitor_keys));

	for (const type of Object.keys(additionalKeys)) {
		if (Object.hasOwn(retv, type)) {
			const keys = new Set(additionalKeys[type]);

			for (const key of retv[type]) {
				keys.add(key);
			}

			retv[type] = Object.freeze(Array.from(keys));
		} else {
			retv[type] = Object.freeze(Array.from(additionalKeys[type]));
		}
	}

	return Object.freeze(retv);
}



;// CONCATENATED MODULE: ./node_modules/toml-eslint-parser/lib/index.mjs



//#region src/internal-utils/index.ts
/**
* Get the last element from given array
*/
function last(arr) {
	return arr[arr.length - 1] ?? null;
}
/**
* Node to key name
*/
function toKeyName(node) {
	return node.type === "TOMLBare" ? node.name : node.value;
}

//#endregion
//#region src/parser-options.ts
var TOMLVerImpl = class {
	constructor(major, minor) {
		this.major = major;
		this.minor = minor;
	}
	lt(major, minor) {
		return this.major < major || this.major === major && this.minor < minor;
	}
	gte(major, minor) {
		return this.major > major || this.major === major && this.minor >= minor;
	}
};
const TOML_VERSION_1_0 = new TOMLVerImpl(1, 0);
const TOML_VERSION_1_1 = new TOMLVerImpl(1, 1);
const DEFAULT_TOML_VERSION = TOML_VERSION_1_1;
const SUPPORTED_TOML_VERSIONS = {
	"1.0": TOML_VERSION_1_0,
	"1.0.0": TOML_VERSION_1_0,
	"1.1": TOML_VERSION_1_1,
	"1.1.0": TOML_VERSION_1_1,
	latest: TOML_VERSION_1_1,
	next: TOML_VERSION_1_1
};
/**
* Get TOML version object from given TOML version string.
*/
function getTOMLVer(v) {
	return v && SUPPORTED_TOML_VERSIONS[v] || DEFAULT_TOML_VERSION;
}

//#endregion
//#region src/errors.ts
const MESSAGES = {
	"unterminated-string": "Unterminated string constant",
	"unterminated-table-key": "Unterminated table-key",
	"unterminated-array": "Unterminated array",
	"unterminated-inline-table": "Unterminated inline table",
	"missing-key": "Empty bare keys are not allowed",
	"missing-newline": "Must be a newline",
	"missing-equals-sign": "Expected equal (=) token",
	"missing-value": "Unspecified values are invalid",
	"missing-comma": "Expected comma (,) token",
	"dupe-keys": "Defining a key multiple times is invalid",
	"unexpected-char": "Unexpected character",
	"unexpected-token": "Unexpected token",
	"invalid-control-character": "Control characters (codes < 0x1f and 0x7f) are not allowed",
	"invalid-comment-character": "Invalid code point {{cp}} within comments",
	"invalid-key-value-newline": "The key, equals sign, and value must be on the same line",
	"invalid-inline-table-newline": "No newlines are allowed between the curly braces unless they are valid within a value",
	"invalid-underscore": "Underscores are allowed between digits",
	"invalid-space": "Unexpected spaces",
	"invalid-three-quotes": "Three or more quotes are not permitted",
	"invalid-date": "Unexpected invalid date",
	"invalid-time": "Unexpected invalid time",
	"invalid-leading-zero": "Leading zeros are not allowed",
	"invalid-trailing-comma-in-inline-table": "Trailing comma is not permitted in an inline table",
	"invalid-char-in-escape-sequence": "Invalid character in escape sequence",
	"invalid-consecutive-dots-in-key": "Consecutive dots are not permitted in keys",
	"invalid-code-point": "Invalid code point {{cp}}",
	"invalid-trailing-dot-in-key": "Keys cannot end with a dot",
	"invalid-leading-dot-in-key": "Keys cannot start with a dot"
};
/**
* Get message from error code
*/
function getMessage(code, data) {
	if (data) return MESSAGES[code].replace(/\{\{(.*?)\}\}/gu, (_, name$2) => {
		if (name$2 in data) return data[name$2];
		return `{{${name$2}}}`;
	});
	return MESSAGES[code];
}
/**
* TOML parse errors.
*/
var ParseError = class extends SyntaxError {
	/**
	* Initialize this ParseError instance.
	*
	*/
	constructor(code, offset, line, column, data) {
		super(getMessage(code, data));
		this.index = offset;
		this.lineNumber = line;
		this.column = column;
	}
};

//#endregion
//#region src/tokenizer/code-point.ts
const CodePoint = {
	EOF: -1,
	NULL: 0,
	SOH: 1,
	BACKSPACE: 8,
	TABULATION: 9,
	LINE_FEED: 10,
	FORM_FEED: 12,
	CARRIAGE_RETURN: 13,
	ESCAPE: 27,
	SO: 14,
	US: 31,
	SPACE: 32,
	QUOTATION_MARK: 34,
	HASH: 35,
	SINGLE_QUOTE: 39,
	PLUS_SIGN: 43,
	COMMA: 44,
	DASH: 45,
	DOT: 46,
	DIGIT_0: 48,
	DIGIT_1: 49,
	DIGIT_2: 50,
	DIGIT_3: 51,
	DIGIT_7: 55,
	DIGIT_9: 57,
	COLON: 58,
	EQUALS_SIGN: 61,
	LATIN_CAPITAL_A: 65,
	LATIN_CAPITAL_E: 69,
	LATIN_CAPITAL_F: 70,
	LATIN_CAPITAL_T: 84,
	LATIN_CAPITAL_U: 85,
	LATIN_CAPITAL_Z: 90,
	LEFT_BRACKET: 91,
	BACKSLASH: 92,
	RIGHT_BRACKET: 93,
	UNDERSCORE: 95,
	LATIN_SMALL_A: 97,
	LATIN_SMALL_B: 98,
	LATIN_SMALL_E: 101,
	LATIN_SMALL_F: 102,
	LATIN_SMALL_I: 105,
	LATIN_SMALL_L: 108,
	LATIN_SMALL_N: 110,
	LATIN_SMALL_O: 111,
	LATIN_SMALL_R: 114,
	LATIN_SMALL_S: 115,
	LATIN_SMALL_T: 116,
	LATIN_SMALL_U: 117,
	LATIN_SMALL_X: 120,
	LATIN_SMALL_Z: 122,
	LEFT_BRACE: 123,
	RIGHT_BRACE: 125,
	TILDE: 126,
	DELETE: 127,
	PAD: 128,
	SUPERSCRIPT_TWO: 178,
	SUPERSCRIPT_THREE: 179,
	SUPERSCRIPT_ONE: 185,
	VULGAR_FRACTION_ONE_QUARTER: 188,
	VULGAR_FRACTION_THREE_QUARTERS: 190,
	LATIN_CAPITAL_LETTER_A_WITH_GRAVE: 192,
	LATIN_CAPITAL_LETTER_O_WITH_DIAERESIS: 214,
	LATIN_CAPITAL_LETTER_O_WITH_STROKE: 216,
	LATIN_SMALL_LETTER_O_WITH_DIAERESIS: 246,
	LATIN_SMALL_LETTER_O_WITH_STROKE: 248,
	GREEK_SMALL_REVERSED_DOTTED_LUNATE_SIGMA_SYMBOL: 891,
	GREEK_CAPITAL_LETTER_YOT: 895,
	CP_1FFF: 8191,
	ZERO_WIDTH_NON_JOINER: 8204,
	ZERO_WIDTH_JOINER: 8205,
	UNDERTIE: 8255,
	CHARACTER_TIE: 8256,
	SUPERSCRIPT_ZERO: 8304,
	CP_218F: 8591,
	CIRCLED_DIGIT_ONE: 9312,
	NEGATIVE_CIRCLED_DIGIT_ZERO: 9471,
	GLAGOLITIC_CAPITAL_LETTER_AZU: 11264,
	CP_2FEF: 12271,
	IDEOGRAPHIC_COMMA: 12289,
	CP_D7FF: 55295,
	CP_E000: 57344,
	CJK_COMPATIBILITY_IDEOGRAPH_F900: 63744,
	ARABIC_LIGATURE_SALAAMUHU_ALAYNAA: 64975,
	ARABIC_LIGATURE_SALLA_USED_AS_KORANIC_STOP_SIGN_ISOLATED_FORM: 65008,
	REPLACEMENT_CHARACTER: 65533,
	LINEAR_B_SYLLABLE_B008_A: 65536,
	CP_EFFFF: 983039,
	CP_10FFFF: 1114111
};
/**
* Check whether the code point is a control character.
*/
function isControl(cp) {
	return cp >= CodePoint.NULL && cp <= CodePoint.US;
}
/**
* Check whether the code point is a whitespace.
*/
function isWhitespace(cp) {
	return cp === CodePoint.TABULATION || cp === CodePoint.SPACE;
}
/**
* Check whether the code point is a end of line.
*/
function isEOL(cp) {
	return cp === CodePoint.LINE_FEED || cp === CodePoint.CARRIAGE_RETURN;
}
/**
* Check whether the code point is an uppercase letter character.
*/
function isUpperLetter(cp) {
	return cp >= CodePoint.LATIN_CAPITAL_A && cp <= CodePoint.LATIN_CAPITAL_Z;
}
/**
* Check whether the code point is a lowercase letter character.
*/
function isLowerLetter(cp) {
	return cp >= CodePoint.LATIN_SMALL_A && cp <= CodePoint.LATIN_SMALL_Z;
}
/**
* Check whether the code point is a letter character.
*/
function isLetter(cp) {
	return isLowerLetter(cp) || isUpperLetter(cp);
}
/**
* Check whether the code point is a digit character.
*/
function lib_isDigit(cp) {
	return cp >= CodePoint.DIGIT_0 && cp <= CodePoint.DIGIT_9;
}
/**
* Check whether the code point is a hex digit character.
*/
function isHexDig(cp) {
	return lib_isDigit(cp) || cp >= CodePoint.LATIN_SMALL_A && cp <= CodePoint.LATIN_SMALL_F || cp >= CodePoint.LATIN_CAPITAL_A && cp <= CodePoint.LATIN_CAPITAL_F;
}
/**
* Check whether the code point is a octal digit character.
*/
function isOctalDig(cp) {
	return cp >= CodePoint.DIGIT_0 && cp <= CodePoint.DIGIT_7;
}
/**
* Check whether the code point is valid code point.
*
* see
* - https://unicode.org/glossary/#unicode_scalar_value
* - https://toml.io/en/v1.0.0#string
*/
function isUnicodeScalarValue(cp) {
	return cp >= 0 && cp <= 55295 || cp >= 57344 && cp <= 1114111;
}

//#endregion
//#region src/tokenizer/locs.ts
/**
* Find the last index of the array that is less than or equal to the value.
*/
function sortedLastIndex(array, value) {
	let low = 0;
	let high = array.length;
	while (low < high) {
		const mid = low + high >>> 1;
		const val = array[mid];
		if (val === value) return mid + 1;
		if (val < value) low = mid + 1;
		else high = mid;
	}
	return low;
}
/**
* A class for getting lines and columns location.
*/
var Locations = class {
	constructor() {
		this.offsets = [];
	}
	addOffset(offset) {
		for (let i = this.offsets.length - 1; i >= 0; i--) {
			const element = this.offsets[i];
			if (element === offset) return;
			if (element < offset) break;
		}
		this.offsets.push(offset);
	}
	/**
	* Calculate the location of the given index.
	* @param index The index to calculate their location.
	* @returns The location of the index.
	*/
	getLocFromIndex(offset) {
		const line = sortedLastIndex(this.offsets, offset) + 1;
		return {
			line,
			column: offset - (line === 1 ? 0 : this.offsets[line - 2])
		};
	}
};

//#endregion
//#region src/tokenizer/code-point-iterator.ts
var CodePointIterator = class {
	/**
	* Initialize this char iterator.
	*/
	constructor(text) {
		this.locs = new Locations();
		this.lastCodePoint = CodePoint.NULL;
		this.start = -1;
		this.end = 0;
		this.text = text;
	}
	next() {
		if (this.lastCodePoint === CodePoint.EOF) return CodePoint.EOF;
		return this.lastCodePoint = this.moveAt(this.end);
	}
	getLocFromIndex(index) {
		return this.locs.getLocFromIndex(index);
	}
	eat(cp) {
		if (this.text.codePointAt(this.end) === cp) {
			this.next();
			return true;
		}
		return false;
	}
	moveAt(offset) {
		this.start = this.end = offset;
		const cp = this.text.codePointAt(this.start) ?? CodePoint.EOF;
		if (cp === CodePoint.EOF) {
			this.end = this.start;
			return cp;
		}
		this.end += cp >= 65536 ? 2 : 1;
		if (cp === CodePoint.LINE_FEED) this.locs.addOffset(this.end);
		else if (cp === CodePoint.CARRIAGE_RETURN) {
			if (this.text.codePointAt(this.end) === CodePoint.LINE_FEED) {
				this.end++;
				this.locs.addOffset(this.end);
			}
			return CodePoint.LINE_FEED;
		}
		return cp;
	}
};

//#endregion
//#region src/tokenizer/tokenizer.ts
const HAS_BIGINT = typeof BigInt !== "undefined";
const RADIX_PREFIXES = {
	16: "0x",
	10: "",
	8: "0o",
	2: "0b"
};
const ESCAPES_1_0 = {
	[CodePoint.QUOTATION_MARK]: CodePoint.QUOTATION_MARK,
	[CodePoint.BACKSLASH]: CodePoint.BACKSLASH,
	[CodePoint.LATIN_SMALL_B]: CodePoint.BACKSPACE,
	[CodePoint.LATIN_SMALL_F]: CodePoint.FORM_FEED,
	[CodePoint.LATIN_SMALL_N]: CodePoint.LINE_FEED,
	[CodePoint.LATIN_SMALL_R]: CodePoint.CARRIAGE_RETURN,
	[CodePoint.LATIN_SMALL_T]: CodePoint.TABULATION
};
const ESCAPES_LATEST = {
	...ESCAPES_1_0,
	[CodePoint.LATIN_SMALL_E]: CodePoint.ESCAPE
};
/**
* Tokenizer for TOML.
*/
var Tokenizer = class {
	/**
	* Initialize this tokenizer.
	*/
	constructor(text, parserOptions) {
		this.backCode = false;
		this.lastCodePoint = CodePoint.NULL;
		this.state = "DATA";
		this.token = null;
		this.tokenStart = -1;
		this.valuesEnabled = false;
		this.text = text;
		this.parserOptions = parserOptions || {};
		this.codePointIterator = new CodePointIterator(text);
		this.tomlVersion = getTOMLVer(this.parserOptions.tomlVersion);
		this.ESCAPES = this.tomlVersion.gte(1, 1) ? ESCAPES_LATEST : ESCAPES_1_0;
	}
	get start() {
		return this.codePointIterator.start;
	}
	get end() {
		return this.codePointIterator.end;
	}
	getLocFromIndex(index) {
		return this.codePointIterator.getLocFromIndex(index);
	}
	/**
	* Report an invalid character error.
	*/
	reportParseError(code, data) {
		const offset = this.codePointIterator.start;
		const loc = this.codePointIterator.getLocFromIndex(offset);
		throw new ParseError(code, offset, loc.line, loc.column, data);
	}
	/**
	* Get the next token.
	*/
	nextToken() {
		let token = this.token;
		if (token != null) {
			this.token = null;
			return token;
		}
		let cp = this.lastCodePoint;
		while (cp !== CodePoint.EOF && !this.token) {
			cp = this.nextCode();
			const nextState = this[this.state](cp);
			if (!nextState) throw new Error(`Unknown error: pre state=${this.state}`);
			this.state = nextState;
		}
		token = this.token;
		this.token = null;
		return token;
	}
	/**
	* Get the next code point.
	*/
	nextCode() {
		if (this.lastCodePoint === CodePoint.EOF) return CodePoint.EOF;
		if (this.backCode) {
			this.backCode = false;
			return this.lastCodePoint;
		}
		return this.lastCodePoint = this.codePointIterator.next();
	}
	/**
	* Eat the next code point.
	*/
	eatCode(cp) {
		if (this.lastCodePoint === CodePoint.EOF) return false;
		if (this.backCode) {
			if (this.lastCodePoint === cp) {
				this.backCode = false;
				return true;
			}
			return false;
		}
		return this.codePointIterator.eat(cp);
	}
	/**
	* Moves the character position to the given position.
	*/
	moveAt(loc) {
		if (this.backCode) this.backCode = false;
		this.lastCodePoint = this.codePointIterator.moveAt(loc);
	}
	/**
	* Back the current code point as the given state.
	*/
	back(state) {
		this.backCode = true;
		return state;
	}
	punctuatorToken() {
		this.startToken();
		this.endToken("Punctuator", "end");
	}
	startToken() {
		this.tokenStart = this.codePointIterator.start;
	}
	/**
	* Commit the current token.
	*/
	endToken(type, pos, option1, option2) {
		const { tokenStart } = this;
		const end = this.codePointIterator[pos];
		const range = [tokenStart, end];
		const loc = {
			start: this.codePointIterator.getLocFromIndex(tokenStart),
			end: this.codePointIterator.getLocFromIndex(end)
		};
		if (type === "Block") this.token = {
			type,
			value: this.text.slice(tokenStart + 1, end),
			range,
			loc
		};
		else {
			let token;
			const value = this.text.slice(tokenStart, end);
			if (type === "BasicString" || type === "LiteralString" || type === "MultiLineBasicString" || type === "MultiLineLiteralString") token = {
				type,
				value,
				string: option1,
				range,
				loc
			};
			else if (type === "Integer") {
				const text = option1;
				token = {
					type,
					value,
					number: parseInt(text, option2),
					bigint: HAS_BIGINT ? BigInt(RADIX_PREFIXES[option2] + text) : null,
					range,
					loc
				};
			} else if (type === "Float") token = {
				type,
				value,
				number: option1,
				range,
				loc
			};
			else if (type === "Boolean") token = {
				type,
				value,
				boolean: option1,
				range,
				loc
			};
			else if (type === "LocalDate" || type === "LocalTime" || type === "LocalDateTime" || type === "OffsetDateTime") token = {
				type,
				value,
				date: option1,
				range,
				loc
			};
			else token = {
				type,
				value,
				range,
				loc
			};
			this.token = token;
		}
	}
	DATA(cp) {
		while (isWhitespace(cp) || isEOL(cp)) cp = this.nextCode();
		if (cp === CodePoint.HASH) {
			this.startToken();
			return "COMMENT";
		}
		if (cp === CodePoint.QUOTATION_MARK) {
			this.startToken();
			return "BASIC_STRING";
		}
		if (cp === CodePoint.SINGLE_QUOTE) {
			this.startToken();
			return "LITERAL_STRING";
		}
		if (cp === CodePoint.DOT || cp === CodePoint.EQUALS_SIGN || cp === CodePoint.LEFT_BRACKET || cp === CodePoint.RIGHT_BRACKET || cp === CodePoint.LEFT_BRACE || cp === CodePoint.RIGHT_BRACE || cp === CodePoint.COMMA) {
			this.punctuatorToken();
			return "DATA";
		}
		if (this.valuesEnabled) {
			if (cp === CodePoint.DASH || cp === CodePoint.PLUS_SIGN) {
				this.startToken();
				return "SIGN";
			}
			if (cp === CodePoint.LATIN_SMALL_N || cp === CodePoint.LATIN_SMALL_I) {
				this.startToken();
				return this.back("NAN_OR_INF");
			}
			if (lib_isDigit(cp)) {
				this.startToken();
				return this.back("NUMBER");
			}
			if (cp === CodePoint.LATIN_SMALL_T || cp === CodePoint.LATIN_SMALL_F) {
				this.startToken();
				return this.back("BOOLEAN");
			}
		} else if (isUnquotedKeyChar(cp, this.tomlVersion)) {
			this.startToken();
			return "BARE";
		}
		if (cp === CodePoint.EOF) return "DATA";
		return this.reportParseError("unexpected-char");
	}
	COMMENT(cp) {
		const processCommentChar = this.tomlVersion.gte(1, 1) ? (c) => {
			if (!isNonEOL(c)) this.reportParseError("invalid-comment-character", { cp: JSON.stringify(String.fromCodePoint(c)).slice(1, -1) });
		} : (c) => {
			if (isControlOtherThanTab(c)) this.reportParseErrorControlChar();
		};
		while (!isEOL(cp) && cp !== CodePoint.EOF) {
			processCommentChar(cp);
			cp = this.nextCode();
		}
		this.endToken("Block", "start");
		return "DATA";
	}
	BARE(cp) {
		while (isUnquotedKeyChar(cp, this.tomlVersion)) cp = this.nextCode();
		this.endToken("Bare", "start");
		return this.back("DATA");
	}
	BASIC_STRING(cp) {
		if (cp === CodePoint.QUOTATION_MARK) {
			cp = this.nextCode();
			if (cp === CodePoint.QUOTATION_MARK) return "MULTI_LINE_BASIC_STRING";
			this.endToken("BasicString", "start", "");
			return this.back("DATA");
		}
		const out = [];
		while (cp !== CodePoint.QUOTATION_MARK && cp !== CodePoint.EOF && cp !== CodePoint.LINE_FEED) {
			if (isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
			if (cp === CodePoint.BACKSLASH) {
				cp = this.nextCode();
				const ecp = this.ESCAPES[cp];
				if (ecp) {
					out.push(ecp);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_SMALL_U) {
					const code = this.parseUnicode(4);
					out.push(code);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_CAPITAL_U) {
					const code = this.parseUnicode(8);
					out.push(code);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_SMALL_X && this.tomlVersion.gte(1, 1)) {
					const code = this.parseUnicode(2);
					out.push(code);
					cp = this.nextCode();
					continue;
				}
				return this.reportParseError("invalid-char-in-escape-sequence");
			}
			out.push(cp);
			cp = this.nextCode();
		}
		if (cp !== CodePoint.QUOTATION_MARK) return this.reportParseError("unterminated-string");
		this.endToken("BasicString", "end", String.fromCodePoint(...out));
		return "DATA";
	}
	MULTI_LINE_BASIC_STRING(cp) {
		const out = [];
		if (cp === CodePoint.LINE_FEED) cp = this.nextCode();
		while (cp !== CodePoint.EOF) {
			if (cp !== CodePoint.LINE_FEED && isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
			if (cp === CodePoint.QUOTATION_MARK) {
				const startPos = this.codePointIterator.start;
				if (this.eatCode(CodePoint.QUOTATION_MARK) && this.eatCode(CodePoint.QUOTATION_MARK)) {
					if (this.eatCode(CodePoint.QUOTATION_MARK)) {
						out.push(CodePoint.QUOTATION_MARK);
						if (this.eatCode(CodePoint.QUOTATION_MARK)) {
							out.push(CodePoint.QUOTATION_MARK);
							if (this.eatCode(CodePoint.QUOTATION_MARK)) {
								this.moveAt(startPos);
								return this.reportParseError("invalid-three-quotes");
							}
						}
					}
					this.endToken("MultiLineBasicString", "end", String.fromCodePoint(...out));
					return "DATA";
				}
				this.moveAt(startPos);
			}
			if (cp === CodePoint.BACKSLASH) {
				cp = this.nextCode();
				const ecp = this.ESCAPES[cp];
				if (ecp) {
					out.push(ecp);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_SMALL_U) {
					const code = this.parseUnicode(4);
					out.push(code);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_CAPITAL_U) {
					const code = this.parseUnicode(8);
					out.push(code);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LATIN_SMALL_X && this.tomlVersion.gte(1, 1)) {
					const code = this.parseUnicode(2);
					out.push(code);
					cp = this.nextCode();
					continue;
				} else if (cp === CodePoint.LINE_FEED) {
					cp = this.nextCode();
					while (isWhitespace(cp) || cp === CodePoint.LINE_FEED) cp = this.nextCode();
					continue;
				} else if (isWhitespace(cp)) {
					let valid = true;
					const startPos = this.codePointIterator.start;
					let nextCp;
					while ((nextCp = this.nextCode()) !== CodePoint.EOF) {
						if (nextCp === CodePoint.LINE_FEED) break;
						if (!isWhitespace(nextCp)) {
							this.moveAt(startPos);
							valid = false;
							break;
						}
					}
					if (valid) {
						cp = this.nextCode();
						while (isWhitespace(cp) || cp === CodePoint.LINE_FEED) cp = this.nextCode();
						continue;
					}
				}
				return this.reportParseError("invalid-char-in-escape-sequence");
			}
			out.push(cp);
			cp = this.nextCode();
		}
		return this.reportParseError("unterminated-string");
	}
	LITERAL_STRING(cp) {
		if (cp === CodePoint.SINGLE_QUOTE) {
			cp = this.nextCode();
			if (cp === CodePoint.SINGLE_QUOTE) return "MULTI_LINE_LITERAL_STRING";
			this.endToken("LiteralString", "start", "");
			return this.back("DATA");
		}
		const out = [];
		while (cp !== CodePoint.SINGLE_QUOTE && cp !== CodePoint.EOF && cp !== CodePoint.LINE_FEED) {
			if (isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
			out.push(cp);
			cp = this.nextCode();
		}
		if (cp !== CodePoint.SINGLE_QUOTE) return this.reportParseError("unterminated-string");
		this.endToken("LiteralString", "end", String.fromCodePoint(...out));
		return "DATA";
	}
	MULTI_LINE_LITERAL_STRING(cp) {
		const out = [];
		if (cp === CodePoint.LINE_FEED) cp = this.nextCode();
		while (cp !== CodePoint.EOF) {
			if (cp !== CodePoint.LINE_FEED && isControlOtherThanTab(cp)) return this.reportParseErrorControlChar();
			if (cp === CodePoint.SINGLE_QUOTE) {
				const startPos = this.codePointIterator.start;
				if (this.eatCode(CodePoint.SINGLE_QUOTE) && this.eatCode(CodePoint.SINGLE_QUOTE)) {
					if (this.eatCode(CodePoint.SINGLE_QUOTE)) {
						out.push(CodePoint.SINGLE_QUOTE);
						if (this.eatCode(CodePoint.SINGLE_QUOTE)) {
							out.push(CodePoint.SINGLE_QUOTE);
							if (this.eatCode(CodePoint.SINGLE_QUOTE)) {
								this.moveAt(startPos);
								return this.reportParseError("invalid-three-quotes");
							}
						}
					}
					this.endToken("MultiLineLiteralString", "end", String.fromCodePoint(...out));
					return "DATA";
				}
				this.moveAt(startPos);
			}
			out.push(cp);
			cp = this.nextCode();
		}
		return this.reportParseError("unterminated-string");
	}
	SIGN(cp) {
		if (cp === CodePoint.LATIN_SMALL_N || cp === CodePoint.LATIN_SMALL_I) return this.back("NAN_OR_INF");
		if (lib_isDigit(cp)) return this.back("NUMBER");
		return this.reportParseError("unexpected-char");
	}
	NAN_OR_INF(cp) {
		if (cp === CodePoint.LATIN_SMALL_N) {
			const startPos = this.codePointIterator.start;
			if (this.eatCode(CodePoint.LATIN_SMALL_A) && this.eatCode(CodePoint.LATIN_SMALL_N)) {
				this.endToken("Float", "end", NaN);
				return "DATA";
			}
			this.moveAt(startPos);
		} else if (cp === CodePoint.LATIN_SMALL_I) {
			const startPos = this.codePointIterator.start;
			if (this.eatCode(CodePoint.LATIN_SMALL_N) && this.eatCode(CodePoint.LATIN_SMALL_F)) {
				this.endToken("Float", "end", this.text[this.tokenStart] === "-" ? -Infinity : Infinity);
				return "DATA";
			}
			this.moveAt(startPos);
		}
		return this.reportParseError("unexpected-char");
	}
	NUMBER(cp) {
		const start = this.text[this.tokenStart];
		const sign = start === "+" ? CodePoint.PLUS_SIGN : start === "-" ? CodePoint.DASH : CodePoint.NULL;
		if (cp === CodePoint.DIGIT_0) {
			if (sign === CodePoint.NULL) {
				const startPos = this.codePointIterator.start;
				const nextCp$1 = this.nextCode();
				if (lib_isDigit(nextCp$1)) {
					const nextNextCp = this.nextCode();
					if (nextNextCp === CodePoint.COLON) {
						this.data = {
							hasDate: false,
							year: 0,
							month: 0,
							day: 0,
							hour: Number(String.fromCodePoint(CodePoint.DIGIT_0, nextCp$1)),
							minute: 0,
							second: 0
						};
						return "TIME_MINUTE";
					}
					if (lib_isDigit(nextNextCp)) {
						const nextNextNextCp = this.nextCode();
						if (lib_isDigit(nextNextNextCp) && this.eatCode(CodePoint.DASH)) {
							this.data = {
								hasDate: true,
								year: Number(String.fromCodePoint(CodePoint.DIGIT_0, nextCp$1, nextNextCp, nextNextNextCp)),
								month: 0,
								day: 0,
								hour: 0,
								minute: 0,
								second: 0
							};
							return "DATE_MONTH";
						}
					}
					this.moveAt(startPos);
					return this.reportParseError("invalid-leading-zero");
				}
				this.moveAt(startPos);
			}
			cp = this.nextCode();
			if (cp === CodePoint.LATIN_SMALL_X || cp === CodePoint.LATIN_SMALL_O || cp === CodePoint.LATIN_SMALL_B) {
				if (sign !== CodePoint.NULL) return this.reportParseError("unexpected-char");
				return cp === CodePoint.LATIN_SMALL_X ? "HEX" : cp === CodePoint.LATIN_SMALL_O ? "OCTAL" : "BINARY";
			}
			if (cp === CodePoint.LATIN_SMALL_E || cp === CodePoint.LATIN_CAPITAL_E) {
				this.data = {
					minus: sign === CodePoint.DASH,
					left: [CodePoint.DIGIT_0]
				};
				return "EXPONENT_RIGHT";
			}
			if (cp === CodePoint.DOT) {
				this.data = {
					minus: sign === CodePoint.DASH,
					absInt: [CodePoint.DIGIT_0]
				};
				return "FRACTIONAL_RIGHT";
			}
			this.endToken("Integer", "start", "0", 10);
			return this.back("DATA");
		}
		const { out, nextCp, hasUnderscore } = this.parseDigits(cp, lib_isDigit);
		if (nextCp === CodePoint.DASH && sign === CodePoint.NULL && !hasUnderscore && out.length === 4) {
			this.data = {
				hasDate: true,
				year: Number(String.fromCodePoint(...out)),
				month: 0,
				day: 0,
				hour: 0,
				minute: 0,
				second: 0
			};
			return "DATE_MONTH";
		}
		if (nextCp === CodePoint.COLON && sign === CodePoint.NULL && !hasUnderscore && out.length === 2) {
			this.data = {
				hasDate: false,
				year: 0,
				month: 0,
				day: 0,
				hour: Number(String.fromCodePoint(...out)),
				minute: 0,
				second: 0
			};
			return "TIME_MINUTE";
		}
		if (nextCp === CodePoint.LATIN_SMALL_E || nextCp === CodePoint.LATIN_CAPITAL_E) {
			this.data = {
				minus: sign === CodePoint.DASH,
				left: out
			};
			return "EXPONENT_RIGHT";
		}
		if (nextCp === CodePoint.DOT) {
			this.data = {
				minus: sign === CodePoint.DASH,
				absInt: out
			};
			return "FRACTIONAL_RIGHT";
		}
		this.endToken("Integer", "start", sign === CodePoint.DASH ? String.fromCodePoint(CodePoint.DASH, ...out) : String.fromCodePoint(...out), 10);
		return this.back("DATA");
	}
	HEX(cp) {
		const { out } = this.parseDigits(cp, isHexDig);
		this.endToken("Integer", "start", String.fromCodePoint(...out), 16);
		return this.back("DATA");
	}
	OCTAL(cp) {
		const { out } = this.parseDigits(cp, isOctalDig);
		this.endToken("Integer", "start", String.fromCodePoint(...out), 8);
		return this.back("DATA");
	}
	BINARY(cp) {
		const { out } = this.parseDigits(cp, (c) => c === CodePoint.DIGIT_0 || c === CodePoint.DIGIT_1);
		this.endToken("Integer", "start", String.fromCodePoint(...out), 2);
		return this.back("DATA");
	}
	FRACTIONAL_RIGHT(cp) {
		const { minus, absInt } = this.data;
		const { out, nextCp } = this.parseDigits(cp, lib_isDigit);
		const absNum = [
			...absInt,
			CodePoint.DOT,
			...out
		];
		if (nextCp === CodePoint.LATIN_SMALL_E || nextCp === CodePoint.LATIN_CAPITAL_E) {
			this.data = {
				minus,
				left: absNum
			};
			return "EXPONENT_RIGHT";
		}
		const value = Number(minus ? String.fromCodePoint(CodePoint.DASH, ...absNum) : String.fromCodePoint(...absNum));
		this.endToken("Float", "start", value);
		return this.back("DATA");
	}
	EXPONENT_RIGHT(cp) {
		const { left, minus: leftMinus } = this.data;
		let minus = false;
		if (cp === CodePoint.DASH || cp === CodePoint.PLUS_SIGN) {
			minus = cp === CodePoint.DASH;
			cp = this.nextCode();
		}
		const { out } = this.parseDigits(cp, lib_isDigit);
		const right = out;
		if (minus) right.unshift(CodePoint.DASH);
		const value = Number(leftMinus ? String.fromCodePoint(CodePoint.DASH, ...left, CodePoint.LATIN_SMALL_E, ...right) : String.fromCodePoint(...left, CodePoint.LATIN_SMALL_E, ...right));
		this.endToken("Float", "start", value);
		return this.back("DATA");
	}
	BOOLEAN(cp) {
		if (cp === CodePoint.LATIN_SMALL_T) {
			const startPos = this.codePointIterator.start;
			if (this.eatCode(CodePoint.LATIN_SMALL_R) && this.eatCode(CodePoint.LATIN_SMALL_U) && this.eatCode(CodePoint.LATIN_SMALL_E)) {
				this.endToken("Boolean", "end", true);
				return "DATA";
			}
			this.moveAt(startPos);
		} else if (cp === CodePoint.LATIN_SMALL_F) {
			const startPos = this.codePointIterator.start;
			if (this.eatCode(CodePoint.LATIN_SMALL_A) && this.eatCode(CodePoint.LATIN_SMALL_L) && this.eatCode(CodePoint.LATIN_SMALL_S) && this.eatCode(CodePoint.LATIN_SMALL_E)) {
				this.endToken("Boolean", "end", false);
				return "DATA";
			}
			this.moveAt(startPos);
		}
		return this.reportParseError("unexpected-char");
	}
	DATE_MONTH(cp) {
		const start = this.codePointIterator.start;
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (cp !== CodePoint.DASH) return this.reportParseError("unexpected-char");
		const end = this.codePointIterator.start;
		const data = this.data;
		data.month = Number(this.text.slice(start, end));
		return "DATE_DAY";
	}
	DATE_DAY(cp) {
		const start = this.codePointIterator.start;
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		const end = this.codePointIterator.end;
		const data = this.data;
		data.day = Number(this.text.slice(start, end));
		if (!isValidDate(data.year, data.month, data.day)) return this.reportParseError("invalid-date");
		cp = this.nextCode();
		if (cp === CodePoint.LATIN_CAPITAL_T || cp === CodePoint.LATIN_SMALL_T) return "TIME_HOUR";
		if (cp === CodePoint.SPACE) {
			const startPos = this.codePointIterator.start;
			if (lib_isDigit(this.nextCode()) && lib_isDigit(this.nextCode())) {
				this.moveAt(startPos);
				return "TIME_HOUR";
			}
			this.moveAt(startPos);
		}
		const dateValue = getDateFromDateTimeData(data, "");
		this.endToken("LocalDate", "start", dateValue);
		return this.back("DATA");
	}
	TIME_HOUR(cp) {
		const start = this.codePointIterator.start;
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (cp !== CodePoint.COLON) return this.reportParseError("unexpected-char");
		const end = this.codePointIterator.start;
		const data = this.data;
		data.hour = Number(this.text.slice(start, end));
		return "TIME_MINUTE";
	}
	TIME_MINUTE(cp) {
		const start = this.codePointIterator.start;
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		const end = this.codePointIterator.end;
		const data = this.data;
		data.minute = Number(this.text.slice(start, end));
		cp = this.nextCode();
		if (cp === CodePoint.COLON) return "TIME_SECOND";
		if (this.tomlVersion.lt(1, 1)) return this.reportParseError("unexpected-char");
		if (!isValidTime(data.hour, data.minute, data.second)) return this.reportParseError("invalid-time");
		return this.processTimeEnd(cp, data);
	}
	TIME_SECOND(cp) {
		const start = this.codePointIterator.start;
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		const end = this.codePointIterator.end;
		const data = this.data;
		data.second = Number(this.text.slice(start, end));
		if (!isValidTime(data.hour, data.minute, data.second)) return this.reportParseError("invalid-time");
		cp = this.nextCode();
		if (cp === CodePoint.DOT) return "TIME_SEC_FRAC";
		return this.processTimeEnd(cp, data);
	}
	TIME_SEC_FRAC(cp) {
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		const start = this.codePointIterator.start;
		while (lib_isDigit(cp)) cp = this.nextCode();
		const end = this.codePointIterator.start;
		const data = this.data;
		data.frac = this.text.slice(start, end);
		return this.processTimeEnd(cp, data);
	}
	processTimeEnd(cp, data) {
		if (data.hasDate) {
			if (cp === CodePoint.DASH || cp === CodePoint.PLUS_SIGN) {
				data.offsetSign = cp;
				return "TIME_OFFSET";
			}
			if (cp === CodePoint.LATIN_CAPITAL_Z || cp === CodePoint.LATIN_SMALL_Z) {
				const dateValue$2 = getDateFromDateTimeData(data, "Z");
				this.endToken("OffsetDateTime", "end", dateValue$2);
				return "DATA";
			}
			const dateValue$1 = getDateFromDateTimeData(data, "");
			this.endToken("LocalDateTime", "start", dateValue$1);
			return this.back("DATA");
		}
		const dateValue = getDateFromDateTimeData(data, "");
		this.endToken("LocalTime", "start", dateValue);
		return this.back("DATA");
	}
	TIME_OFFSET(cp) {
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		const hourStart = this.codePointIterator.start;
		cp = this.nextCode();
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (cp !== CodePoint.COLON) return this.reportParseError("unexpected-char");
		const hourEnd = this.codePointIterator.start;
		cp = this.nextCode();
		const minuteStart = this.codePointIterator.start;
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		cp = this.nextCode();
		if (!lib_isDigit(cp)) return this.reportParseError("unexpected-char");
		const minuteEnd = this.codePointIterator.end;
		const hour = Number(this.text.slice(hourStart, hourEnd));
		const minute = Number(this.text.slice(minuteStart, minuteEnd));
		if (!isValidTime(hour, minute, 0)) return this.reportParseError("invalid-time");
		const data = this.data;
		const dateValue = getDateFromDateTimeData(data, `${String.fromCodePoint(data.offsetSign)}${padStart(hour, 2)}:${padStart(minute, 2)}`);
		this.endToken("OffsetDateTime", "end", dateValue);
		return "DATA";
	}
	parseDigits(cp, checkDigit) {
		if (cp === CodePoint.UNDERSCORE) return this.reportParseError("invalid-underscore");
		if (!checkDigit(cp)) return this.reportParseError("unexpected-char");
		const out = [];
		let before = CodePoint.NULL;
		let hasUnderscore = false;
		while (checkDigit(cp) || cp === CodePoint.UNDERSCORE) {
			if (cp === CodePoint.UNDERSCORE) {
				hasUnderscore = true;
				if (before === CodePoint.UNDERSCORE) return this.reportParseError("invalid-underscore");
			} else out.push(cp);
			before = cp;
			cp = this.nextCode();
		}
		if (before === CodePoint.UNDERSCORE) return this.reportParseError("invalid-underscore");
		return {
			out,
			nextCp: cp,
			hasUnderscore
		};
	}
	parseUnicode(count) {
		const startLoc = this.codePointIterator.start;
		const start = this.codePointIterator.end;
		let charCount = 0;
		let cp;
		while ((cp = this.nextCode()) !== CodePoint.EOF) {
			if (!isHexDig(cp)) {
				this.moveAt(startLoc);
				return this.reportParseError("invalid-char-in-escape-sequence");
			}
			charCount++;
			if (charCount >= count) break;
		}
		const end = this.codePointIterator.end;
		const code = this.text.slice(start, end);
		const codePoint = parseInt(code, 16);
		if (!isUnicodeScalarValue(codePoint)) return this.reportParseError("invalid-code-point", { cp: code });
		return codePoint;
	}
	reportParseErrorControlChar() {
		return this.reportParseError("invalid-control-character");
	}
};
/**
* Check whether the code point is unquoted-key-char
*/
function isUnquotedKeyChar(cp, tomlVersion) {
	if (isLetter(cp) || lib_isDigit(cp) || cp === CodePoint.UNDERSCORE || cp === CodePoint.DASH) return true;
	if (tomlVersion.lt(1, 1)) return false;
	return false;
}
/**
* Check whether the code point is control character other than tab
*/
function isControlOtherThanTab(cp) {
	return isControl(cp) && cp !== CodePoint.TABULATION || cp === CodePoint.DELETE;
}
/**
* Check whether the code point is non-eol for TOML 1.1
*/
function isNonEOL(cp) {
	return cp === CodePoint.TABULATION || CodePoint.SPACE <= cp && cp <= CodePoint.TILDE || isNonAscii(cp);
}
/**
* Check whether the code point is a non-ascii character.
*/
function isNonAscii(cp) {
	return CodePoint.PAD <= cp && cp <= CodePoint.CP_D7FF || CodePoint.CP_E000 <= cp && cp <= CodePoint.CP_10FFFF;
}
/**
* Check whether the given values is valid date
*/
function isValidDate(y, m, d) {
	if (y >= 0 && m <= 12 && m >= 1 && d >= 1) return d <= (m === 2 ? y & 3 || !(y % 25) && y & 15 ? 28 : 29 : 30 + (m + (m >> 3) & 1));
	return false;
}
/**
* Check whether the given values is valid time
*/
function isValidTime(h, m, s) {
	if (h >= 24 || h < 0 || m > 59 || m < 0 || s > 60 || s < 0) return false;
	return true;
}
/**
* Get date from DateTimeData
*/
function getDateFromDateTimeData(data, timeZone) {
	const year = padStart(data.year, 4);
	const month = data.month ? padStart(data.month, 2) : "01";
	const day = data.day ? padStart(data.day, 2) : "01";
	const hour = padStart(data.hour, 2);
	const minute = padStart(data.minute, 2);
	const second = padStart(data.second, 2);
	const textDate = `${year}-${month}-${day}`;
	const frac = data.frac ? `.${data.frac}` : "";
	const dateValue = /* @__PURE__ */ new Date(`${textDate}T${hour}:${minute}:${second}${frac}${timeZone}`);
	if (!isNaN(dateValue.getTime()) || data.second !== 60) return dateValue;
	return /* @__PURE__ */ new Date(`${textDate}T${hour}:${minute}:59${frac}${timeZone}`);
}
/**
* Pad with zeros.
*/
function padStart(num, maxLength) {
	return String(num).padStart(maxLength, "0");
}

//#endregion
//#region src/toml-parser/keys-resolver.ts
const VALUE_KIND_VALUE = Symbol("VALUE_KIND_VALUE");
const VALUE_KIND_INTERMEDIATE = Symbol("VALUE_KIND_INTERMEDIATE");
var KeysResolver = class {
	constructor(ctx) {
		this.rootKeys = /* @__PURE__ */ new Map();
		this.tables = [];
		this.ctx = ctx;
	}
	applyResolveKeyForTable(node) {
		let keys = this.rootKeys;
		const peekKeyIndex = node.key.keys.length - 1;
		for (let index = 0; index < peekKeyIndex; index++) {
			const keyNode = node.key.keys[index];
			const keyName = toKeyName(keyNode);
			node.resolvedKey.push(keyName);
			let keyStore = keys.get(keyName);
			if (!keyStore) {
				keyStore = {
					node: keyNode,
					keys: /* @__PURE__ */ new Map()
				};
				keys.set(keyName, keyStore);
			} else if (keyStore.table === "array") {
				const peekIndex = keyStore.peekIndex;
				node.resolvedKey.push(peekIndex);
				keyStore = keyStore.keys.get(peekIndex);
			}
			keys = keyStore.keys;
		}
		const lastKeyNode = node.key.keys[peekKeyIndex];
		const lastKeyName = toKeyName(lastKeyNode);
		node.resolvedKey.push(lastKeyName);
		const lastKeyStore = keys.get(lastKeyName);
		if (!lastKeyStore) if (node.kind === "array") {
			node.resolvedKey.push(0);
			const newKeyStore = {
				node: lastKeyNode,
				keys: /* @__PURE__ */ new Map()
			};
			keys.set(lastKeyName, {
				table: node.kind,
				node: lastKeyNode,
				keys: new Map([[0, newKeyStore]]),
				peekIndex: 0
			});
			this.tables.push({
				node,
				keys: newKeyStore.keys
			});
		} else {
			const newKeyStore = {
				table: node.kind,
				node: lastKeyNode,
				keys: /* @__PURE__ */ new Map()
			};
			keys.set(lastKeyName, newKeyStore);
			this.tables.push({
				node,
				keys: newKeyStore.keys
			});
		}
		else if (!lastKeyStore.table) if (node.kind === "array") this.ctx.reportParseError("dupe-keys", lastKeyNode);
		else {
			const transformKey = {
				table: node.kind,
				node: lastKeyNode,
				keys: lastKeyStore.keys
			};
			keys.set(lastKeyName, transformKey);
			this.tables.push({
				node,
				keys: transformKey.keys
			});
		}
		else if (lastKeyStore.table === "array") if (node.kind === "array") {
			const newKeyStore = {
				node: lastKeyNode,
				keys: /* @__PURE__ */ new Map()
			};
			const newIndex = lastKeyStore.peekIndex + 1;
			node.resolvedKey.push(newIndex);
			lastKeyStore.keys.set(newIndex, newKeyStore);
			lastKeyStore.peekIndex = newIndex;
			this.tables.push({
				node,
				keys: newKeyStore.keys
			});
		} else this.ctx.reportParseError("dupe-keys", lastKeyNode);
		else this.ctx.reportParseError("dupe-keys", lastKeyNode);
	}
	verifyDuplicateKeys(node) {
		for (const body of node.body) if (body.type === "TOMLKeyValue") verifyDuplicateKeysForKeyValue(this.ctx, this.rootKeys, body);
		for (const { node: tableNode, keys } of this.tables) for (const body of tableNode.body) verifyDuplicateKeysForKeyValue(this.ctx, keys, body);
	}
};
/**
* Verify duplicate keys from TOMLKeyValue
*/
function verifyDuplicateKeysForKeyValue(ctx, defineKeys, node) {
	let keys = defineKeys;
	const lastKey = last(node.key.keys);
	for (const keyNode of node.key.keys) {
		const key = toKeyName(keyNode);
		let defineKey = keys.get(key);
		if (defineKey) {
			if (defineKey.value === VALUE_KIND_VALUE) ctx.reportParseError("dupe-keys", getAfterNode(keyNode, defineKey.node));
			else if (lastKey === keyNode) ctx.reportParseError("dupe-keys", getAfterNode(keyNode, defineKey.node));
			else if (defineKey.table) ctx.reportParseError("dupe-keys", getAfterNode(keyNode, defineKey.node));
			defineKey.value = VALUE_KIND_INTERMEDIATE;
		} else {
			if (lastKey === keyNode) defineKey = {
				value: VALUE_KIND_VALUE,
				node: keyNode,
				keys: /* @__PURE__ */ new Map()
			};
			else defineKey = {
				value: VALUE_KIND_INTERMEDIATE,
				node: keyNode,
				keys: /* @__PURE__ */ new Map()
			};
			keys.set(key, defineKey);
		}
		keys = defineKey.keys;
	}
	if (node.value.type === "TOMLInlineTable") verifyDuplicateKeysForInlineTable(ctx, keys, node.value);
	else if (node.value.type === "TOMLArray") verifyDuplicateKeysForArray(ctx, keys, node.value);
}
/**
* Verify duplicate keys from TOMLInlineTable
*/
function verifyDuplicateKeysForInlineTable(ctx, defineKeys, node) {
	for (const body of node.body) verifyDuplicateKeysForKeyValue(ctx, defineKeys, body);
}
/**
* Verify duplicate keys from TOMLArray
*/
function verifyDuplicateKeysForArray(ctx, defineKeys, node) {
	const keys = defineKeys;
	for (let index = 0; index < node.elements.length; index++) {
		const element = node.elements[index];
		let defineKey = keys.get(index);
		if (defineKey) ctx.reportParseError("dupe-keys", getAfterNode(element, defineKey.node));
		else {
			defineKey = {
				value: VALUE_KIND_VALUE,
				node: element,
				keys: /* @__PURE__ */ new Map()
			};
			defineKeys.set(index, defineKey);
			if (element.type === "TOMLInlineTable") verifyDuplicateKeysForInlineTable(ctx, defineKey.keys, element);
			else if (element.type === "TOMLArray") verifyDuplicateKeysForArray(ctx, defineKey.keys, element);
		}
	}
}
/**
* Get the after node
*/
function getAfterNode(a, b) {
	return a.range[0] <= b.range[0] ? b : a;
}

//#endregion
//#region src/toml-parser/context.ts
var Context = class {
	constructor(data) {
		this.tokens = [];
		this.comments = [];
		this.back = null;
		this.stateStack = [];
		this.needNewLine = false;
		this.needSameLine = false;
		this.currToken = null;
		this.prevToken = null;
		this.valueContainerStack = [];
		this.tokenizer = new Tokenizer(data.text, data.parserOptions);
		this.topLevelTable = data.topLevelTable;
		this.table = data.topLevelTable;
		this.keysResolver = new KeysResolver(this);
	}
	/**
	* Get the next token.
	*/
	nextToken(option) {
		this.prevToken = this.currToken;
		if (this.back) {
			this.currToken = this.back;
			this.back = null;
		} else this.currToken = this._nextTokenFromTokenizer(option);
		if ((this.needNewLine || this.needSameLine || option?.needSameLine) && this.prevToken && this.currToken) if (this.prevToken.loc.end.line === this.currToken.loc.start.line) {
			if (this.needNewLine) return this.reportParseError("missing-newline", this.currToken);
		} else {
			const needSameLine = this.needSameLine || option?.needSameLine;
			if (needSameLine) return this.reportParseError(needSameLine, this.currToken);
		}
		this.needNewLine = false;
		this.needSameLine = false;
		return this.currToken;
	}
	_nextTokenFromTokenizer(option) {
		const valuesEnabled = this.tokenizer.valuesEnabled;
		if (option?.valuesEnabled) this.tokenizer.valuesEnabled = option.valuesEnabled;
		let token = this.tokenizer.nextToken();
		while (token && token.type === "Block") {
			this.comments.push(token);
			token = this.tokenizer.nextToken();
		}
		if (token) this.tokens.push(token);
		this.tokenizer.valuesEnabled = valuesEnabled;
		return token;
	}
	backToken() {
		if (this.back) throw new Error("Illegal state");
		this.back = this.currToken;
		this.currToken = this.prevToken;
	}
	addValueContainer(valueContainer) {
		this.valueContainerStack.push(valueContainer);
		this.tokenizer.valuesEnabled = true;
	}
	consumeValueContainer() {
		const valueContainer = this.valueContainerStack.pop();
		this.tokenizer.valuesEnabled = this.valueContainerStack.length > 0;
		return valueContainer;
	}
	applyResolveKeyForTable(node) {
		this.keysResolver.applyResolveKeyForTable(node);
	}
	verifyDuplicateKeys() {
		this.keysResolver.verifyDuplicateKeys(this.topLevelTable);
	}
	/**
	* Report an invalid token error.
	*/
	reportParseError(code, token) {
		let offset, line, column;
		if (token) {
			offset = token.range[0];
			line = token.loc.start.line;
			column = token.loc.start.column;
		} else {
			offset = this.tokenizer.start;
			const startPos = this.tokenizer.getLocFromIndex(offset);
			line = startPos.line;
			column = startPos.column;
		}
		throw new ParseError(code, offset, line, column);
	}
};

//#endregion
//#region src/toml-parser/index.ts
const STATE_FOR_ERROR = { VALUE: "missing-value" };
const STRING_VALUE_STYLE_MAP = {
	BasicString: "basic",
	MultiLineBasicString: "basic",
	LiteralString: "literal",
	MultiLineLiteralString: "literal"
};
const STRING_KEY_STYLE_MAP = {
	BasicString: "basic",
	LiteralString: "literal"
};
const DATETIME_VALUE_KIND_MAP = {
	OffsetDateTime: "offset-date-time",
	LocalDateTime: "local-date-time",
	LocalDate: "local-date",
	LocalTime: "local-time"
};
var TOMLParser = class {
	/**
	* Initialize this parser.
	*/
	constructor(text, parserOptions) {
		this.text = text;
		this.parserOptions = parserOptions || {};
		this.tomlVersion = getTOMLVer(this.parserOptions.tomlVersion);
	}
	/**
	* Parse TOML
	*/
	parse() {
		const ast = {
			type: "Program",
			body: [],
			sourceType: "module",
			tokens: [],
			comments: [],
			parent: null,
			range: [0, 0],
			loc: {
				start: {
					line: 1,
					column: 0
				},
				end: {
					line: 1,
					column: 0
				}
			}
		};
		const node = {
			type: "TOMLTopLevelTable",
			body: [],
			parent: ast,
			range: cloneRange(ast.range),
			loc: cloneLoc(ast.loc)
		};
		ast.body = [node];
		const ctx = new Context({
			text: this.text,
			parserOptions: this.parserOptions,
			topLevelTable: node
		});
		let token = ctx.nextToken();
		if (token) {
			node.range[0] = token.range[0];
			node.loc.start = clonePos(token.loc.start);
			while (token) {
				const state$1 = ctx.stateStack.pop() || "TABLE";
				ctx.stateStack.push(...this[state$1](token, ctx));
				token = ctx.nextToken();
			}
			const state = ctx.stateStack.pop() || "TABLE";
			if (state in STATE_FOR_ERROR) return ctx.reportParseError(STATE_FOR_ERROR[state], null);
			if (ctx.table.type === "TOMLTable") applyEndLoc(ctx.table, last(ctx.table.body));
			applyEndLoc(node, last(node.body));
		}
		ctx.verifyDuplicateKeys();
		ast.tokens = ctx.tokens;
		ast.comments = ctx.comments;
		const endOffset = ctx.tokenizer.end;
		const endPos = ctx.tokenizer.getLocFromIndex(endOffset);
		ast.range[1] = endOffset;
		ast.loc.end = {
			line: endPos.line,
			column: endPos.column
		};
		return ast;
	}
	TABLE(token, ctx) {
		if (isBare(token) || isString(token)) return this.processKeyValue(token, ctx.table, ctx);
		if (isLeftBracket(token)) return this.processTable(token, ctx.topLevelTable, ctx);
		return ctx.reportParseError("unexpected-token", token);
	}
	VALUE(token, ctx) {
		if (isString(token) || isMultiLineString(token)) return this.processStringValue(token, ctx);
		if (isNumber(token)) return this.processNumberValue(token, ctx);
		if (isBoolean(token)) return this.processBooleanValue(token, ctx);
		if (isDateTime(token)) return this.processDateTimeValue(token, ctx);
		if (isLeftBracket(token)) return this.processArray(token, ctx);
		if (isLeftBrace(token)) return this.processInlineTable(token, ctx);
		return ctx.reportParseError("unexpected-token", token);
	}
	processTable(token, topLevelTableNode, ctx) {
		const tableNode = {
			type: "TOMLTable",
			kind: "standard",
			key: null,
			resolvedKey: [],
			body: [],
			parent: topLevelTableNode,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		if (ctx.table.type === "TOMLTable") applyEndLoc(ctx.table, last(ctx.table.body));
		topLevelTableNode.body.push(tableNode);
		ctx.table = tableNode;
		let targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
		if (isLeftBracket(targetToken)) {
			if (token.range[1] < targetToken.range[0]) return ctx.reportParseError("invalid-space", targetToken);
			tableNode.kind = "array";
			targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
		}
		if (isRightBracket(targetToken)) return ctx.reportParseError("missing-key", targetToken);
		if (!targetToken) return ctx.reportParseError("unterminated-table-key", null);
		targetToken = this.processKeyNode(targetToken, tableNode, ctx).nextToken;
		if (!isRightBracket(targetToken)) return ctx.reportParseError("unterminated-table-key", targetToken);
		if (tableNode.kind === "array") {
			const rightBracket = targetToken;
			targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
			if (!isRightBracket(targetToken)) return ctx.reportParseError("unterminated-table-key", targetToken);
			if (rightBracket.range[1] < targetToken.range[0]) return ctx.reportParseError("invalid-space", targetToken);
		}
		applyEndLoc(tableNode, targetToken);
		ctx.applyResolveKeyForTable(tableNode);
		ctx.needNewLine = true;
		return [];
	}
	processKeyValue(token, tableNode, ctx) {
		const keyValueNode = {
			type: "TOMLKeyValue",
			key: null,
			value: null,
			parent: tableNode,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		tableNode.body.push(keyValueNode);
		const { nextToken: targetToken } = this.processKeyNode(token, keyValueNode, ctx);
		if (!isEq(targetToken)) return ctx.reportParseError("missing-equals-sign", targetToken);
		ctx.addValueContainer({
			parent: keyValueNode,
			set: (valNode) => {
				keyValueNode.value = valNode;
				applyEndLoc(keyValueNode, valNode);
				ctx.needNewLine = true;
				return [];
			}
		});
		ctx.needSameLine = "invalid-key-value-newline";
		return ["VALUE"];
	}
	processKeyNode(token, parent, ctx) {
		if (isDot(token)) ctx.reportParseError("invalid-leading-dot-in-key", token);
		const keyNode = {
			type: "TOMLKey",
			keys: [],
			parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		parent.key = keyNode;
		let targetToken = token;
		let dotToken = null;
		do {
			if (isBare(targetToken)) this.processBareKey(targetToken, keyNode);
			else if (isString(targetToken)) this.processStringKey(targetToken, keyNode);
			else break;
			dotToken = null;
			targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
			if (!isDot(targetToken)) break;
			dotToken = targetToken;
			targetToken = ctx.nextToken({ needSameLine: "invalid-key-value-newline" });
		} while (targetToken);
		if (dotToken) ctx.reportParseError(isDot(targetToken) ? "invalid-consecutive-dots-in-key" : "invalid-trailing-dot-in-key", dotToken);
		applyEndLoc(keyNode, last(keyNode.keys));
		return {
			keyNode,
			nextToken: targetToken
		};
	}
	processBareKey(token, keyNode) {
		const node = {
			type: "TOMLBare",
			name: token.value,
			parent: keyNode,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		keyNode.keys.push(node);
	}
	processStringKey(token, keyNode) {
		const node = {
			type: "TOMLQuoted",
			kind: "string",
			value: token.string,
			style: STRING_KEY_STYLE_MAP[token.type],
			multiline: false,
			parent: keyNode,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		keyNode.keys.push(node);
	}
	processStringValue(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const node = {
			type: "TOMLValue",
			kind: "string",
			value: token.string,
			style: STRING_VALUE_STYLE_MAP[token.type],
			multiline: isMultiLineString(token),
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		return valueContainer.set(node);
	}
	processNumberValue(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const text = this.text;
		const [startRange, endRange] = token.range;
		let numberString = null;
		/**
		* Get the text of number
		*/
		const getNumberText = () => {
			return numberString ?? (numberString = text.slice(startRange, endRange).replace(/_/g, ""));
		};
		let node;
		if (token.type === "Integer") node = {
			type: "TOMLValue",
			kind: "integer",
			value: token.number,
			bigint: token.bigint,
			get number() {
				return getNumberText();
			},
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		else node = {
			type: "TOMLValue",
			kind: "float",
			value: token.number,
			get number() {
				return getNumberText();
			},
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		return valueContainer.set(node);
	}
	processBooleanValue(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const node = {
			type: "TOMLValue",
			kind: "boolean",
			value: token.boolean,
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		return valueContainer.set(node);
	}
	processDateTimeValue(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const node = {
			type: "TOMLValue",
			kind: DATETIME_VALUE_KIND_MAP[token.type],
			value: token.date,
			datetime: token.value,
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		return valueContainer.set(node);
	}
	processArray(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const node = {
			type: "TOMLArray",
			elements: [],
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		const nextToken = ctx.nextToken({ valuesEnabled: true });
		if (isRightBracket(nextToken)) {
			applyEndLoc(node, nextToken);
			return valueContainer.set(node);
		}
		ctx.backToken();
		return this.processArrayValue(node, valueContainer, ctx);
	}
	processArrayValue(node, valueContainer, ctx) {
		ctx.addValueContainer({
			parent: node,
			set: (valNode) => {
				node.elements.push(valNode);
				let nextToken = ctx.nextToken({ valuesEnabled: true });
				const hasComma = isComma(nextToken);
				if (hasComma) nextToken = ctx.nextToken({ valuesEnabled: true });
				if (isRightBracket(nextToken)) {
					applyEndLoc(node, nextToken);
					return valueContainer.set(node);
				}
				if (hasComma) {
					ctx.backToken();
					return this.processArrayValue(node, valueContainer, ctx);
				}
				return ctx.reportParseError(nextToken ? "missing-comma" : "unterminated-array", nextToken);
			}
		});
		return ["VALUE"];
	}
	processInlineTable(token, ctx) {
		const valueContainer = ctx.consumeValueContainer();
		const node = {
			type: "TOMLInlineTable",
			body: [],
			parent: valueContainer.parent,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		const needSameLine = this.tomlVersion.gte(1, 1) ? void 0 : "invalid-inline-table-newline";
		const nextToken = ctx.nextToken({ needSameLine });
		if (nextToken) {
			if (isBare(nextToken) || isString(nextToken)) return this.processInlineTableKeyValue(nextToken, node, valueContainer, ctx);
			if (isRightBrace(nextToken)) {
				applyEndLoc(node, nextToken);
				return valueContainer.set(node);
			}
		}
		return ctx.reportParseError("unexpected-token", nextToken);
	}
	processInlineTableKeyValue(token, inlineTableNode, valueContainer, ctx) {
		const keyValueNode = {
			type: "TOMLKeyValue",
			key: null,
			value: null,
			parent: inlineTableNode,
			range: cloneRange(token.range),
			loc: cloneLoc(token.loc)
		};
		inlineTableNode.body.push(keyValueNode);
		const { nextToken: targetToken } = this.processKeyNode(token, keyValueNode, ctx);
		if (!isEq(targetToken)) return ctx.reportParseError("missing-equals-sign", targetToken);
		const needSameLine = this.tomlVersion.gte(1, 1) ? void 0 : "invalid-inline-table-newline";
		ctx.addValueContainer({
			parent: keyValueNode,
			set: (valNode) => {
				keyValueNode.value = valNode;
				applyEndLoc(keyValueNode, valNode);
				let nextToken = ctx.nextToken({ needSameLine });
				if (isComma(nextToken)) {
					nextToken = ctx.nextToken({ needSameLine });
					if (nextToken && (isBare(nextToken) || isString(nextToken))) return this.processInlineTableKeyValue(nextToken, inlineTableNode, valueContainer, ctx);
					if (isRightBrace(nextToken)) {
						if (this.tomlVersion.lt(1, 1)) return ctx.reportParseError("invalid-trailing-comma-in-inline-table", nextToken);
					} else return ctx.reportParseError(nextToken ? "unexpected-token" : "unterminated-inline-table", nextToken);
				}
				if (isRightBrace(nextToken)) {
					applyEndLoc(inlineTableNode, nextToken);
					return valueContainer.set(inlineTableNode);
				}
				return ctx.reportParseError(nextToken ? "missing-comma" : "unterminated-inline-table", nextToken);
			}
		});
		ctx.needSameLine = "invalid-key-value-newline";
		return ["VALUE"];
	}
};
/**
* Check whether the given token is a dot.
*/
function isDot(token) {
	return isPunctuator(token) && token.value === ".";
}
/**
* Check whether the given token is an equal sign.
*/
function isEq(token) {
	return isPunctuator(token) && token.value === "=";
}
/**
* Check whether the given token is a left bracket.
*/
function isLeftBracket(token) {
	return isPunctuator(token) && token.value === "[";
}
/**
* Check whether the given token is a right bracket.
*/
function isRightBracket(token) {
	return isPunctuator(token) && token.value === "]";
}
/**
* Check whether the given token is a left brace.
*/
function isLeftBrace(token) {
	return isPunctuator(token) && token.value === "{";
}
/**
* Check whether the given token is a right brace.
*/
function isRightBrace(token) {
	return isPunctuator(token) && token.value === "}";
}
/**
* Check whether the given token is a comma.
*/
function isComma(token) {
	return isPunctuator(token) && token.value === ",";
}
/**
* Check whether the given token is a punctuator.
*/
function isPunctuator(token) {
	return Boolean(token && token.type === "Punctuator");
}
/**
* Check whether the given token is a bare token.
*/
function isBare(token) {
	return token.type === "Bare";
}
/**
* Check whether the given token is a string.
*/
function isString(token) {
	return token.type === "BasicString" || token.type === "LiteralString";
}
/**
* Check whether the given token is a multi-line string.
*/
function isMultiLineString(token) {
	return token.type === "MultiLineBasicString" || token.type === "MultiLineLiteralString";
}
/**
* Check whether the given token is a number.
*/
function isNumber(token) {
	return token.type === "Integer" || token.type === "Float";
}
/**
* Check whether the given token is a boolean.
*/
function isBoolean(token) {
	return token.type === "Boolean";
}
/**
* Check whether the given token is a date time.
*/
function isDateTime(token) {
	return token.type === "OffsetDateTime" || token.type === "LocalDateTime" || token.type === "LocalDate" || token.type === "LocalTime";
}
/**
* Apply end locations
*/
function applyEndLoc(node, child) {
	if (child) {
		node.range[1] = child.range[1];
		node.loc.end = clonePos(child.loc.end);
	}
}
/**
* clone the location.
*/
function cloneRange(range) {
	return [range[0], range[1]];
}
/**
* clone the location.
*/
function cloneLoc(loc) {
	return {
		start: clonePos(loc.start),
		end: clonePos(loc.end)
	};
}
/**
* clone the location.
*/
function clonePos(pos) {
	return {
		line: pos.line,
		column: pos.column
	};
}

//#endregion
//#region src/visitor-keys.ts
const tomlKeys = {
	Program: ["body"],
	TOMLTopLevelTable: ["body"],
	TOMLTable: ["key", "body"],
	TOMLKeyValue: ["key", "value"],
	TOMLKey: ["keys"],
	TOMLArray: ["elements"],
	TOMLInlineTable: ["body"],
	TOMLBare: [],
	TOMLQuoted: [],
	TOMLValue: []
};
const lib_KEYS = unionWith(tomlKeys);

//#endregion
//#region src/parser.ts
/**
* Parse source code
*/
function parseForESLint(code, options) {
	return {
		ast: new TOMLParser(code, options).parse(),
		visitorKeys: lib_KEYS,
		services: { isTOML: true }
	};
}

//#endregion
//#region src/traverse.ts
/**
* Check that the given key should be traversed or not.
* @this {Traversable}
* @param key The key to check.
* @returns `true` if the key should be traversed.
*/
function fallbackKeysFilter(key) {
	let value = null;
	return key !== "comments" && key !== "leadingComments" && key !== "loc" && key !== "parent" && key !== "range" && key !== "tokens" && key !== "trailingComments" && (value = this[key]) !== null && typeof value === "object" && (typeof value.type === "string" || Array.isArray(value));
}
/**
* Get the keys of the given node to traverse it.
* @param node The node to get.
* @returns The keys to traverse.
*/
function getFallbackKeys(node) {
	return Object.keys(node).filter(fallbackKeysFilter, node);
}
/**
* Get the keys of the given node to traverse it.
* @param node The node to get.
* @returns The keys to traverse.
*/
function lib_getKeys(node, visitorKeys) {
	return ((visitorKeys || lib_KEYS)[node.type] || getFallbackKeys(node)).filter((key) => !getNodes(node, key).next().done);
}
/**
* Get the nodes of the given node.
* @param node The node to get.
*/
function* getNodes(node, key) {
	const child = node[key];
	if (Array.isArray(child)) {
		for (const c of child) if (isNode(c)) yield c;
	} else if (isNode(child)) yield child;
}
/**
* Check whether a given value is a node.
* @param x The value to check.
* @returns `true` if the value is a node.
*/
function isNode(x) {
	return x !== null && typeof x === "object" && typeof x.type === "string";
}
/**
* Traverse the given node.
* @param node The node to traverse.
* @param parent The parent node.
* @param visitor The node visitor.
*/
function traverse(node, parent, visitor) {
	visitor.enterNode(node, parent);
	const keys = lib_getKeys(node, visitor.visitorKeys);
	for (const key of keys) for (const child of getNodes(node, key)) traverse(child, node, visitor);
	visitor.leaveNode(node, parent);
}
/**
* Traverse the given AST tree.
* @param node Root node to traverse.
* @param visitor Visitor.
*/
function traverseNodes(node, visitor) {
	traverse(node, null, visitor);
}

//#endregion
//#region src/utils.ts
/**
* Gets the static value for the given node.
*/
const getStaticTOMLValue = generateConvertTOMLValue((node) => node.value);
/** Generates a converter to convert from a node. */
function generateConvertTOMLValue(convertValue) {
	/**
	* Resolve TOML value
	*/
	function resolveValue(node, baseTable) {
		return resolver[node.type](node, baseTable);
	}
	const resolver = {
		Program(node, baseTable = {}) {
			return resolveValue(node.body[0], baseTable);
		},
		TOMLTopLevelTable(node, baseTable = {}) {
			for (const body of node.body) resolveValue(body, baseTable);
			return baseTable;
		},
		TOMLKeyValue(node, baseTable = {}) {
			const value = resolveValue(node.value);
			set(baseTable, resolveValue(node.key), value);
			return baseTable;
		},
		TOMLTable(node, baseTable = {}) {
			const table = getTable(baseTable, resolveValue(node.key), node.kind === "array");
			for (const body of node.body) resolveValue(body, table);
			return baseTable;
		},
		TOMLArray(node) {
			return node.elements.map((e) => resolveValue(e));
		},
		TOMLInlineTable(node) {
			const table = {};
			for (const body of node.body) resolveValue(body, table);
			return table;
		},
		TOMLKey(node) {
			return node.keys.map((key) => resolveValue(key));
		},
		TOMLBare(node) {
			return node.name;
		},
		TOMLQuoted(node) {
			return node.value;
		},
		TOMLValue(node) {
			return convertValue(node);
		}
	};
	return (node) => resolveValue(node);
}
/**
* Get the table from the table.
*/
function getTable(baseTable, keys, array) {
	let target = baseTable;
	for (let index = 0; index < keys.length - 1; index++) {
		const key = keys[index];
		target = getNextTargetFromKey(target, key);
	}
	const lastKey = last(keys);
	const lastTarget = target[lastKey];
	if (lastTarget == null) {
		const tableValue$1 = {};
		target[lastKey] = array ? [tableValue$1] : tableValue$1;
		return tableValue$1;
	}
	if (isValue(lastTarget)) {
		const tableValue$1 = {};
		target[lastKey] = array ? [tableValue$1] : tableValue$1;
		return tableValue$1;
	}
	if (!array) {
		if (Array.isArray(lastTarget)) {
			const tableValue$1 = {};
			target[lastKey] = tableValue$1;
			return tableValue$1;
		}
		return lastTarget;
	}
	if (Array.isArray(lastTarget)) {
		const tableValue$1 = {};
		lastTarget.push(tableValue$1);
		return tableValue$1;
	}
	const tableValue = {};
	target[lastKey] = [tableValue];
	return tableValue;
	/** Get next target from key */
	function getNextTargetFromKey(currTarget, key) {
		const nextTarget = currTarget[key];
		if (nextTarget == null) {
			const val = {};
			currTarget[key] = val;
			return val;
		}
		if (isValue(nextTarget)) {
			const val = {};
			currTarget[key] = val;
			return val;
		}
		let resultTarget = nextTarget;
		while (Array.isArray(resultTarget)) {
			const lastIndex = resultTarget.length - 1;
			const nextElement = resultTarget[lastIndex];
			if (isValue(nextElement)) {
				const val = {};
				resultTarget[lastIndex] = val;
				return val;
			}
			resultTarget = nextElement;
		}
		return resultTarget;
	}
}
/**
* Set the value to the table.
*/
function set(baseTable, keys, value) {
	let target = baseTable;
	for (let index = 0; index < keys.length - 1; index++) {
		const key = keys[index];
		const nextTarget = target[key];
		if (nextTarget == null) {
			const val = {};
			target[key] = val;
			target = val;
		} else if (isValue(nextTarget) || Array.isArray(nextTarget)) {
			const val = {};
			target[key] = val;
			target = val;
		} else target = nextTarget;
	}
	target[last(keys)] = value;
}
/**
* Check whether the given value is a value.
*/
function isValue(value) {
	return typeof value !== "object" || value instanceof Date;
}

//#endregion
//#region package.json
var name$1 = "toml-eslint-parser";
var version$1 = "1.0.3";

//#endregion
//#region src/meta.ts
var meta_exports = /* @__PURE__ */ __exportAll({
	name: () => lib_name,
	version: () => version
});
const lib_name = name$1;
const version = version$1;

//#endregion
//#region src/index.ts
const VisitorKeys = (/* unused pure expression or super */ null && (lib_KEYS));
/**
* Parse TOML source code
*/
function parseTOML(code, options) {
	return parseForESLint(code, options).ast;
}

//#endregion

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/sourceMap.js

/**
 * Where each key and array element of a TOML document is written. smol-toml gives the values
 * but no positions, so this second, syntax-only pass answers "which line is this field on?".
 */
class SourceMap {
    positions = new Map();
    constructor(text) {
        let program;
        try {
            program = parseTOML(text);
        }
        catch {
            return; // syntax errors are reported from smol-toml's parse, which runs first
        }
        for (const top of program.body) {
            for (const node of top.body) {
                if (node.type === 'TOMLTable') {
                    this.recordHeader(node);
                    this.visitKeyValues(node.resolvedKey, node.body);
                }
                else {
                    this.visitKeyValues([], [node]);
                }
            }
        }
    }
    /** Position (1-based line and column) of the deepest part of `path` written in the file. */
    locate(path) {
        for (let n = path.length; n > 0; n--) {
            const found = this.positions.get(keyOf(path.slice(0, n)));
            if (found)
                return found;
        }
        return { line: 1, column: 1 };
    }
    /** True when exactly this path is written in the file. */
    has(path) {
        return this.positions.has(keyOf(path));
    }
    /** `[a.b.c]` / `[[a.b]]`: each part of the header at its own column (array indices with it). */
    recordHeader(table) {
        const resolved = table.resolvedKey;
        let part = 0;
        resolved.forEach((name, i) => {
            if (typeof name === 'number')
                return;
            const loc = table.key.keys[part++]?.loc.start ?? table.loc.start;
            this.record(resolved.slice(0, i + 1), loc);
            if (typeof resolved[i + 1] === 'number')
                this.record(resolved.slice(0, i + 2), loc);
        });
    }
    visitKeyValues(prefix, nodes) {
        for (const kv of nodes) {
            const names = kv.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
            const path = [...prefix];
            for (const [i, name] of names.entries()) {
                path.push(name);
                this.record(path, kv.key.keys[i]?.loc.start ?? kv.loc.start);
            }
            this.visitValue(path, kv.value);
        }
    }
    visitValue(path, value) {
        if (value.type === 'TOMLInlineTable') {
            this.visitKeyValues(path, value.body);
        }
        else if (value.type === 'TOMLArray') {
            value.elements.forEach((element, index) => {
                this.record([...path, index], element.loc.start);
                this.visitValue([...path, index], element);
            });
        }
    }
    record(path, start) {
        const key = keyOf(path);
        // the first mention wins: `[a.b]` after `[a]` must not move `a`
        if (!this.positions.has(key))
            this.positions.set(key, { line: start.line, column: start.column + 1 });
    }
}
function keyOf(path) {
    return path.map(String).join('\u0000');
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/document.js



/** A parsed pyproject: its values, where each key is written, and a way to raise located errors. */
class PyprojectDocument {
    file;
    root;
    sourceMap;
    constructor(file, text) {
        this.file = file;
        try {
            this.root = parse(text);
        }
        catch (error) {
            if (error instanceof TomlError) {
                const problem = `invalid TOML: ${error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '')}`;
                throw new ConfigError({ file, line: error.line, column: error.column }, '', problem);
            }
            throw error;
        }
        this.sourceMap = new SourceMap(text);
    }
    /** The value at `path`, or undefined. */
    get(path) {
        let node = this.root;
        for (const part of path) {
            if (node === null || typeof node !== 'object')
                return undefined;
            node = node[part];
        }
        return node;
    }
    /** A ConfigError pointing at `path` (or its nearest written ancestor). */
    error(path, problem, hint) {
        const { line, column } = this.sourceMap.locate(path);
        return new ConfigError({ file: this.file, line, column }, path.join('.'), problem, hint);
    }
    /** Line and column of `path`, for ordering keys as written. */
    position(path) {
        return this.sourceMap.locate(path);
    }
}
function isTable(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/fields.js

/**
 * Typed readers for one field each: they return the value in the shape the compiler wants or
 * throw a ConfigError at the field's line with the expected type as the hint.
 */
class FieldReader {
    doc;
    constructor(doc) {
        this.doc = doc;
    }
    string(path, value) {
        if (typeof value !== 'string')
            throw this.typeError(path, value, 'a string', `${fields_last(path)} = "…"`);
        return this.wellFormed(path, value);
    }
    /** TOML escapes can spell a lone surrogate, which no UTF-8 Dockerfile can hold. */
    wellFormed(path, value) {
        if (/\p{Cs}/u.test(value))
            throw this.doc.error(path, `\`${String(fields_last(path))}\` is not valid Unicode (a lone surrogate)`, 'remove the \\uD800–\\uDFFF escape');
        return value;
    }
    /** Strings, and numbers/booleans written without quotes (env values, label values). */
    scalar(path, value) {
        if (typeof value === 'string')
            return this.wellFormed(path, value);
        if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
            return String(value);
        throw this.typeError(path, value, 'a string', `${fields_last(path)} = "…"`);
    }
    boolean(path, value) {
        if (typeof value !== 'boolean')
            throw this.typeError(path, value, 'true or false', `${fields_last(path)} = true`);
        return value;
    }
    stringArray(path, value) {
        if (typeof value === 'string') {
            throw this.doc.error(path, `\`${fields_last(path)}\` must be an array of strings, not a string`, `write ${fields_last(path)} = ["${value.split(/\s+/)[0] ?? ''}", …]`);
        }
        if (!Array.isArray(value))
            throw this.typeError(path, value, 'an array of strings', `${fields_last(path)} = ["…"]`);
        return value.map((item, i) => this.string([...path, i], item));
    }
    /** A table of string values, as [key, value] pairs in the order they are written. */
    stringTable(path, value) {
        if (!isTable(value))
            throw this.typeError(path, value, 'a table', `${fields_last(path)} = { KEY = "value" }`);
        return this.keysInFileOrder(path, value).map((key) => [key, this.scalar([...path, key], value[key])]);
    }
    tableArray(path, value, example) {
        if (!Array.isArray(value))
            throw this.typeError(path, value, 'an array of tables', example);
        return value.map((item, i) => {
            if (!isTable(item))
                throw this.typeError([...path, i], item, 'a table', example);
            return item;
        });
    }
    /** Keys of a table sorted by where they are written (JS objects put integer-like keys first). */
    keysInFileOrder(path, table) {
        const at = (key) => this.doc.position([...path, key]);
        return Object.keys(table).sort((a, b) => {
            const pa = at(a);
            const pb = at(b);
            return pa.line - pb.line || pa.column - pb.column;
        });
    }
    typeError(path, value, expected, example) {
        return this.doc.error(path, `\`${String(fields_last(path))}\` must be ${expected}, found ${describe(value)}`, `expected ${expected}, e.g. ${example}`);
    }
}
function fields_last(path) {
    return path[path.length - 1] ?? '';
}
function describe(value) {
    if (Array.isArray(value))
        return 'an array';
    if (value instanceof Date)
        return 'a date';
    if (isTable(value))
        return 'a table';
    if (typeof value === 'string')
        return `the string ${JSON.stringify(value)}`;
    if (typeof value === 'number' || typeof value === 'bigint')
        return `the number ${String(value)}`;
    if (typeof value === 'boolean')
        return `the boolean ${String(value)}`;
    return typeof value;
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/entryPoints.js

// packaging's entry point object reference: `module.sub:attr.sub [extra]`, attr optional.
const REFERENCE = /^[\w.]+(\s*:\s*[\w.]+)?(\s*\[[\w\s,.-]*\])?$/u;
// Script names become file names in the venv's bin/: no separators, nothing to escape.
const SCRIPT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
// entry_points.txt is INI: a name can't hold `=`, a newline or a leading `[`.
const ENTRY_NAME = /^[^\s=[\]][^=\r\n]*$/;
const GROUP_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/**
 * The entry points as PEP 621 writes them (`[project.scripts]`, `[project.gui-scripts]`,
 * `[project.entry-points.GROUP]`), in file order.
 */
function readPep621EntryPoints(fields) {
    const groups = [];
    const add = (group, path, scripts) => addGroup(fields, groups, group, path, scripts);
    add('console_scripts', ['project', 'scripts'], true);
    add('gui_scripts', ['project', 'gui-scripts'], true);
    readPluginGroups(fields, ['project', 'entry-points'], add);
    return groups;
}
/**
 * Poetry's `[tool.poetry.scripts]` (a string, or `{ reference = "…", type = "console" }` /
 * `{ callable = "…" }`) and `[tool.poetry.plugins.GROUP]`.
 */
function readPoetryEntryPoints(fields) {
    const groups = [];
    const scriptsPath = ['tool', 'poetry', 'scripts'];
    const scripts = fields.doc.get(scriptsPath);
    if (scripts !== undefined) {
        if (!isTable(scripts))
            throw fields.doc.error(scriptsPath, '`scripts` must be a table', 'app = "app.cli:main"');
        const entries = [];
        for (const name of fields.keysInFileOrder(scriptsPath, scripts)) {
            const path = [...scriptsPath, name];
            const value = scripts[name];
            if (isTable(value)) {
                if (value.type !== undefined && value.type !== 'console') {
                    // `type = "file"` scripts are copied by poetry-core itself; they have no reference.
                    continue;
                }
                const field = value.reference !== undefined ? 'reference' : 'callable';
                entries.push(entry(fields, [...path, field], name, value[field], true));
            }
            else {
                entries.push(entry(fields, path, name, value, true));
            }
        }
        if (entries.length > 0)
            groups.push({ group: 'console_scripts', entries });
    }
    readPluginGroups(fields, ['tool', 'poetry', 'plugins'], (group, path) => addGroup(fields, groups, group, path, false));
    return groups;
}
/** The table at `path` as a group, unless it is absent or empty. */
function addGroup(fields, groups, group, path, scripts) {
    const table = fields.doc.get(path);
    if (table === undefined)
        return;
    const entries = readTable(fields, path, table, scripts);
    if (entries.length > 0)
        groups.push({ group, entries });
}
function readPluginGroups(fields, path, add) {
    const table = fields.doc.get(path);
    if (table === undefined)
        return;
    if (!isTable(table))
        throw fields.doc.error(path, `\`${String(path[path.length - 1])}\` must be a table of groups`, '[project.entry-points."group"]');
    for (const group of fields.keysInFileOrder(path, table)) {
        if (!GROUP_NAME.test(group))
            throw fields.doc.error([...path, group], `invalid entry-point group name ${JSON.stringify(group)}`, 'letters, digits, ".", "_" and "-"');
        add(group, [...path, group], false);
    }
}
function readTable(fields, path, table, scripts) {
    if (!isTable(table))
        throw fields.doc.error(path, `\`${String(path[path.length - 1])}\` must be a table`, 'name = "package.module:function"');
    return fields
        .keysInFileOrder(path, table)
        .map((name) => entry(fields, [...path, name], name, table[name], scripts));
}
function entry(fields, path, name, value, script) {
    const reference = fields.string(path, value).trim();
    if (script ? !SCRIPT_NAME.test(name) : !ENTRY_NAME.test(name) || name.trim() !== name) {
        throw fields.doc.error(path, `invalid ${script ? 'script' : 'entry point'} name ${JSON.stringify(name)}`, script
            ? 'a script name is a file name in the image: letters, digits, ".", "_", "+" and "-"'
            : 'an entry point name has no "=", no line break and no leading "["');
    }
    if (!REFERENCE.test(reference) || (script && !reference.includes(':'))) {
        throw fields.doc.error(path, `invalid entry point reference ${JSON.stringify(reference)}`, script
            ? 'a script needs "package.module:function"'
            : 'write "package.module" or "package.module:attribute"');
    }
    return { name, reference };
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/poetry.js
/**
 * Poetry's version constraints (`^1.2`, `~1.2.3`, `*`, `1.2.3`, `>=1,<2`, `||`) in PEP 440 terms,
 * so pip installs what `poetry install` would.
 */
function poetryConstraintToPep440(constraint) {
    const alternatives = constraint.split('||').map((part) => part.trim());
    if (alternatives.length > 1)
        return undefined; // PEP 440 has no "or"; the caller reports it
    const clauses = constraint
        .split(',')
        .flatMap((c) => c.trim().split(/\s+/))
        .filter((c) => c !== '');
    const out = [];
    for (const clause of clauses) {
        const translated = translateClause(clause);
        if (translated === undefined)
            return undefined;
        out.push(...translated);
    }
    return out.join(',');
}
function translateClause(clause) {
    if (clause === '*' || clause === '')
        return [];
    const caret = /^\^(\d+(?:\.\d+){0,2})(.*)$/.exec(clause);
    if (caret)
        return bounded(caret[1] ?? '', caretUpper(caret[1] ?? ''), caret[2] ?? '');
    const tilde = /^~(?!=)(\d+(?:\.\d+){0,2})(.*)$/.exec(clause);
    if (tilde)
        return bounded(tilde[1] ?? '', tildeUpper(tilde[1] ?? ''), tilde[2] ?? '');
    if (/^(==|!=|>=|<=|>|<|~=|===)\s*\S+$/.test(clause))
        return [clause.replace(/\s+/g, '')];
    if (/^=\d/.test(clause))
        return [`=${clause}`];
    const wildcard = /^(\d+(?:\.\d+)*)\.\*$/.exec(clause);
    if (wildcard)
        return [`==${clause}`];
    if (/^\d+(\.\d+)*([a-z]+\d*)?(\.post\d+)?(\.dev\d+)?$/i.test(clause))
        return [`==${clause}`];
    return undefined;
}
function bounded(lower, upper, suffix) {
    return [`>=${lower}${suffix}`, `<${upper}`];
}
function parts(version) {
    return version.split('.').map((p) => Number.parseInt(p, 10));
}
// ^1.2.3 → <2.0.0; ^0.2.3 → <0.3.0; ^0.0.3 → <0.0.4; ^0 → <1
function caretUpper(version) {
    const p = parts(version);
    const firstNonZero = p.findIndex((n) => n !== 0);
    const index = firstNonZero === -1 ? p.length - 1 : firstNonZero;
    return bump(p, index);
}
// ~1.2.3 → <1.3.0; ~1.2 → <1.3; ~1 → <2
function tildeUpper(version) {
    const p = parts(version);
    return bump(p, p.length === 1 ? 0 : 1);
}
function bump(p, index) {
    const out = p.map((n, i) => (i < index ? n : i === index ? n + 1 : 0));
    return out.join('.');
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/projectMetadata.js



// What pip assumes for a project without [build-system] (PEP 517's fallback).
const DEFAULT_BUILD_REQUIRES = ['setuptools>=40.8.0', 'wheel'];
function readProjectMetadata(fields) {
    const doc = fields.doc;
    const buildSystem = readBuildSystem(fields);
    if (isTable(doc.get(['project'])))
        return readPep621(fields, buildSystem);
    if (isTable(doc.get(['tool', 'poetry'])))
        return readPoetry(fields, buildSystem);
    return {
        source: 'none',
        authors: [],
        dependencies: [],
        optionalDependencies: new Map(),
        scripts: [],
        entryPoints: [],
        dynamic: [],
        buildSystem,
    };
}
function readBuildSystem(fields) {
    const requires = fields.doc.get(['build-system', 'requires']);
    const backend = optionalString(fields, ['build-system', 'build-backend']);
    return {
        requires: requires === undefined
            ? DEFAULT_BUILD_REQUIRES
            : fields.stringArray(['build-system', 'requires'], requires),
        ...(backend !== undefined && { backend }),
        inTreeBackend: fields.doc.get(['build-system', 'backend-path']) !== undefined,
    };
}
function scriptNames(groups) {
    return groups.filter((g) => g.group === 'console_scripts').flatMap((g) => g.entries.map((e) => e.name));
}
function optionalString(fields, path) {
    const value = fields.doc.get(path);
    return value === undefined ? undefined : fields.string(path, value);
}
function readPep621(fields, buildSystem) {
    const doc = fields.doc;
    const authors = readPep621Authors(fields);
    const optional = new Map();
    const optTable = doc.get(['project', 'optional-dependencies']);
    if (optTable !== undefined) {
        if (!isTable(optTable))
            throw doc.error(['project', 'optional-dependencies'], '`optional-dependencies` must be a table', 'extra = ["dep", …]');
        for (const group of fields.keysInFileOrder(['project', 'optional-dependencies'], optTable)) {
            optional.set(group, fields.stringArray(['project', 'optional-dependencies', group], optTable[group]));
        }
    }
    const entryPoints = readPep621EntryPoints(fields);
    const dynamic = doc.get(['project', 'dynamic']);
    const requiresPython = optionalString(fields, ['project', 'requires-python']);
    const deps = doc.get(['project', 'dependencies']);
    return {
        source: 'pep621',
        name: optionalString(fields, ['project', 'name']),
        version: optionalString(fields, ['project', 'version']),
        description: optionalString(fields, ['project', 'description']),
        license: readPep621License(fields),
        authors,
        dependencies: deps === undefined ? [] : fields.stringArray(['project', 'dependencies'], deps),
        optionalDependencies: optional,
        ...(requiresPython !== undefined && {
            requiresPython: { spec: requiresPython, path: ['project', 'requires-python'] },
        }),
        scripts: scriptNames(entryPoints),
        entryPoints,
        dynamic: dynamic === undefined ? [] : fields.stringArray(['project', 'dynamic'], dynamic),
        buildSystem,
    };
}
function readPep621License(fields) {
    const value = fields.doc.get(['project', 'license']);
    if (typeof value === 'string')
        return value; // PEP 639 SPDX expression
    if (isTable(value) && typeof value.text === 'string')
        return value.text.split('\n')[0]?.trim() || undefined;
    return undefined;
}
function readPep621Authors(fields) {
    const value = fields.doc.get(['project', 'authors']);
    if (value === undefined)
        return [];
    return fields
        .tableArray(['project', 'authors'], value, 'authors = [{ name = "…", email = "…" }]')
        .flatMap((author) => {
        const name = typeof author.name === 'string' ? author.name : undefined;
        const email = typeof author.email === 'string' ? author.email : undefined;
        if (name && email)
            return [`${name} <${email}>`];
        return (name ?? email) ? [(name ?? email)] : [];
    });
}
function readPoetry(fields, buildSystem) {
    const doc = fields.doc;
    const base = ['tool', 'poetry'];
    const depsPath = [...base, 'dependencies'];
    const depsTable = doc.get(depsPath);
    const dependencies = [];
    const optionalByName = new Map();
    let requiresPython;
    if (depsTable !== undefined) {
        if (!isTable(depsTable))
            throw doc.error(depsPath, '`dependencies` must be a table', 'requests = "^2.31"');
        for (const name of fields.keysInFileOrder(depsPath, depsTable)) {
            const spec = depsTable[name];
            if (name.toLowerCase() === 'python') {
                const constraint = fields.string([...depsPath, name], spec);
                const pep440 = poetryConstraintToPep440(constraint);
                if (pep440 === undefined)
                    throw doc.error([...depsPath, name], `cannot translate the python constraint "${constraint}"`, 'use a constraint like "^3.10" or ">=3.10,<3.13"');
                requiresPython = { spec: pep440, path: [...depsPath, name] };
                continue;
            }
            const requirement = poetryRequirement(fields, [...depsPath, name], name, spec);
            if (isTable(spec) && spec.optional === true)
                optionalByName.set(name.toLowerCase(), requirement);
            else
                dependencies.push(requirement);
        }
    }
    const optional = new Map();
    const extras = doc.get([...base, 'extras']);
    if (isTable(extras)) {
        for (const group of fields.keysInFileOrder([...base, 'extras'], extras)) {
            const names = fields.stringArray([...base, 'extras', group], extras[group]);
            optional.set(group, names.map((n) => optionalByName.get(n.toLowerCase()) ?? n));
        }
    }
    const authors = doc.get([...base, 'authors']);
    const entryPoints = readPoetryEntryPoints(fields);
    return {
        source: 'poetry',
        name: optionalString(fields, [...base, 'name']),
        version: optionalString(fields, [...base, 'version']),
        description: optionalString(fields, [...base, 'description']),
        license: optionalString(fields, [...base, 'license']),
        authors: authors === undefined ? [] : fields.stringArray([...base, 'authors'], authors),
        dependencies,
        optionalDependencies: optional,
        ...(requiresPython && { requiresPython }),
        scripts: scriptNames(entryPoints),
        entryPoints,
        dynamic: [],
        buildSystem,
    };
}
/** One `[tool.poetry.dependencies]` entry as a PEP 508 requirement. */
function poetryRequirement(fields, path, name, spec) {
    const doc = fields.doc;
    const translate = (constraint, at) => {
        const pep440 = poetryConstraintToPep440(constraint);
        if (pep440 === undefined)
            throw doc.error(at, `cannot translate the constraint "${constraint}" of ${name}`, 'use ^, ~, *, an exact version or PEP 440 comparisons');
        return pep440;
    };
    if (typeof spec === 'string')
        return `${name}${translate(spec, path)}`;
    if (!isTable(spec))
        throw doc.error(path, `dependency ${name} must be a string or a table`, `${name} = "^1.0"`);
    const extras = spec.extras === undefined ? [] : fields.stringArray([...path, 'extras'], spec.extras);
    const withExtras = extras.length > 0 ? `${name}[${extras.join(',')}]` : name;
    const markers = [];
    if (typeof spec.markers === 'string')
        markers.push(`(${spec.markers})`);
    if (typeof spec.python === 'string') {
        const py = translate(spec.python, [...path, 'python']);
        for (const clause of py.split(',').filter(Boolean)) {
            const m = /^(==|!=|>=|<=|>|<|~=)(.*)$/.exec(clause);
            if (m)
                markers.push(`python_version ${m[1]} "${m[2]}"`);
        }
    }
    const marker = markers.length > 0 ? ` ; ${markers.join(' and ')}` : '';
    if (typeof spec.git === 'string') {
        const ref = [spec.tag, spec.branch, spec.rev].find((r) => typeof r === 'string');
        const url = /^[a-z+]+:\/\//.test(spec.git) ? spec.git : `ssh://${spec.git.replace(':', '/')}`;
        const git = url.startsWith('git+') ? url : `git+${url}`;
        return `${withExtras} @ ${git}${ref ? `@${ref}` : ''}${marker}`;
    }
    if (typeof spec.url === 'string')
        return `${withExtras} @ ${spec.url}${marker}`;
    if (spec.path !== undefined) {
        throw doc.error([...path, 'path'], `path dependency ${name} is not supported`, 'dependencies are installed before the source is copied: publish it to an index or use copy_files_before_build and a requirements file');
    }
    const version = typeof spec.version === 'string' ? translate(spec.version, [...path, 'version']) : '';
    return `${withExtras}${version}${marker}`;
}

// EXTERNAL MODULE: ./node_modules/@renovatebot/pep440/index.js
var pep440 = __nccwpck_require__(898);
;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/projectInstall.js
/**
 * How the project's own code gets into the image.
 *
 * - `copy`: everything the build backend would write is known from the pyproject and the
 *   directory layout alone (static name and version, entry points, import packages the backend
 *   finds the usual way). The image gets the dist-info and scripts from a stage keyed on the
 *   pyproject only, and the import packages as they are, in a layer of their own: a source
 *   change runs no build step at all.
 * - `build`: anything else (dynamic metadata, setup.py, build hooks, explicit file selection,
 *   namespace packages…): the project's backend builds it on every source change.
 *
 * When in doubt this says `build`: that is always correct, only slower.
 */


const NAME = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// setuptools' flat-layout discovery leaves these out (setuptools.discovery.FlatLayout*Finder).
const FLAT_EXCLUDED_PACKAGES = new Set('ci bin debian doc docs documentation manpages news newsfragments changelog test tests unit_test unit_tests example examples scripts tools util utils python build dist venv env requirements tasks fabfile site_scons benchmark benchmarks exercise exercises htmlcov'.split(' '));
const FLAT_EXCLUDED_MODULES = /^(setup|conftest|noxfile|pavement|fabfile|toxfile|test.*|.*_test|_.*)\.py$/;
function resolveProjectInstall(doc, metadata, snapshot) {
    const build = (reason) => ({ kind: 'build', reason });
    const layout = snapshot.layout;
    if (layout === undefined)
        return build('the directory layout was not read');
    if (metadata.source === 'none')
        return build('there is no [project] or [tool.poetry] table');
    const { name, version } = metadata;
    if (metadata.dynamic.length > 0)
        return build(`[project] dynamic = ${JSON.stringify(metadata.dynamic)}: only the backend knows them`);
    if (name === undefined || !NAME.test(name))
        return build('the project name is missing or not a valid name');
    if (version === undefined || (0,pep440.valid)(version) === null)
        return build('the version is missing or not a PEP 440 version');
    if (metadata.buildSystem.inTreeBackend)
        return build('[build-system] backend-path names an in-tree backend');
    const backend = metadata.buildSystem.backend ?? 'setuptools.build_meta:__legacy__';
    const module = underscoreName(name);
    let found;
    switch (backend) {
        case 'setuptools.build_meta':
        case 'setuptools.build_meta:__legacy__':
            found = setuptools(doc, layout);
            break;
        case 'hatchling.build':
            found = hatchling(doc, layout, module);
            break;
        case 'flit_core.buildapi':
            found = flit(doc, layout, module);
            break;
        case 'poetry.core.masonry.api':
            found = poetry(doc, layout, module);
            break;
        default:
            return build(`microb can't tell what the wheel of ${backend} holds`);
    }
    if ('reason' in found)
        return build(found.reason);
    return { kind: 'copy', name, version, roots: found.roots };
}
/**
 * `My.App-Name` → `my_app_name`: the wheel's file and dist-info name (the wheel spec's escaping),
 * and the import name backends look for when none is configured.
 */
function underscoreName(name) {
    return name.replace(/[-_.]+/g, '_').toLowerCase();
}
/** Only these keys of a tool table, or the reason to build. */
function onlyKeys(doc, path, allowed) {
    const table = doc.get(path);
    if (table === undefined)
        return undefined;
    if (!isTable(table))
        return `[${path.join('.')}] is not a table`;
    const other = Object.keys(table).find((k) => !allowed.includes(k));
    return other === undefined ? undefined : `[${path.join('.')}] sets ${other}`;
}
/** The first of `candidates` the layout has, as a root. */
function firstOf(layout, candidates) {
    for (const source of candidates) {
        const kind = layout.get(source);
        const isModule = source.endsWith('.py');
        if ((isModule && kind === 'file') || (!isModule && kind === 'package')) {
            return { source, name: source.slice(source.lastIndexOf('/') + 1) };
        }
    }
    return undefined;
}
function byName(layout, module, what) {
    const root = firstOf(layout, [`src/${module}`, module, `src/${module}.py`, `${module}.py`]);
    return root
        ? { roots: [root] }
        : { reason: `no package or module named ${module} in src/ or beside the pyproject (${what})` };
}
/** The packages and modules directly under `base` (`src` or ``), or why they are unclear. */
function everythingIn(layout, base) {
    const roots = [];
    for (const [path, kind] of layout) {
        const slash = path.lastIndexOf('/');
        if ((slash === -1 ? '' : path.slice(0, slash)) !== base)
            continue;
        const entry = path.slice(slash + 1);
        if (kind === 'package' && IDENTIFIER.test(entry))
            roots.push({ source: path, name: entry });
        else if (kind === 'file' && entry.endsWith('.py') && IDENTIFIER.test(entry.slice(0, -3)))
            roots.push({ source: path, name: entry });
        else if (kind === 'dir' && IDENTIFIER.test(entry))
            return { reason: `${path} has no __init__.py (namespace packages are left to the backend)` };
    }
    return roots.length > 0 ? { roots } : { reason: `no package in ${base}/` };
}
function setuptools(doc, layout) {
    for (const file of ['setup.py', 'setup.cfg']) {
        if (layout.has(file))
            return { reason: `${file} may configure the build` };
    }
    const tool = ['tool', 'setuptools'];
    const other = onlyKeys(doc, tool, [
        'package-data',
        'include-package-data',
        'zip-safe',
        'license-files',
        'platforms',
        'packages',
        'package-dir',
        'py-modules',
    ]);
    if (other)
        return { reason: other };
    const packageDir = doc.get([...tool, 'package-dir']);
    if (packageDir !== undefined) {
        if (!isTable(packageDir) || Object.keys(packageDir).join() !== '' || packageDir[''] !== 'src')
            return { reason: '[tool.setuptools] package-dir is not { "" = "src" }' };
    }
    const packages = doc.get([...tool, 'packages']);
    const modules = doc.get([...tool, 'py-modules']);
    if (Array.isArray(packages) || Array.isArray(modules)) {
        // listed names are looked up under package-dir, else beside the pyproject (no discovery)
        const base = packageDir !== undefined ? 'src' : '';
        const names = [
            ...(Array.isArray(packages) ? packages : []).map((p) => String(p).split('.')[0] ?? ''),
            ...(Array.isArray(modules) ? modules : []).map((m) => `${String(m)}.py`),
        ];
        const roots = [];
        for (const name of [...new Set(names)]) {
            const root = firstOf(layout, [base === '' ? name : `${base}/${name}`]);
            if (!root)
                return { reason: `[tool.setuptools] lists ${name}, not found in ${base || '.'}/` };
            roots.push(root);
        }
        return { roots };
    }
    if (packages !== undefined) {
        const find = isTable(packages) ? packages.find : undefined;
        if (!isTable(packages) || Object.keys(packages).join() !== 'find' || !isTable(find))
            return { reason: '[tool.setuptools] packages is neither a list nor { find = … }' };
        if (Object.keys(find).some((k) => k !== 'where'))
            return { reason: '[tool.setuptools.packages.find] selects packages (include/exclude/namespaces)' };
        // find's default where is ".", and with namespaces on it takes every directory there
        const where = find.where;
        if (!Array.isArray(where) || where.length !== 1 || where[0] !== 'src')
            return { reason: '[tool.setuptools.packages.find] where is not ["src"]' };
        return everythingIn(layout, 'src');
    }
    // automatic discovery: src layout when there is a src/ (or package-dir says so), else flat
    if (packageDir !== undefined || layout.get('src') === 'dir')
        return everythingIn(layout, 'src');
    return flatLayout(layout);
}
/** setuptools' flat layout: one top-level package, or else one top-level module. */
function flatLayout(layout) {
    const packages = [];
    const modules = [];
    for (const [path, kind] of layout) {
        if (path.includes('/'))
            continue;
        if (kind === 'package' && IDENTIFIER.test(path) && !FLAT_EXCLUDED_PACKAGES.has(path))
            packages.push({ source: path, name: path });
        if (kind === 'file' && /^[A-Za-z_]\w*\.py$/.test(path) && !FLAT_EXCLUDED_MODULES.test(path))
            modules.push({ source: path, name: path });
    }
    if (packages.length === 1)
        return { roots: packages };
    if (packages.length === 0 && modules.length === 1)
        return { roots: modules };
    return {
        reason: packages.length + modules.length === 0
            ? 'no package found beside the pyproject'
            : 'several top-level packages or modules: name them in [tool.setuptools] packages',
    };
}
function hatchling(doc, layout, module) {
    const build = ['tool', 'hatch', 'build'];
    const table = doc.get(build);
    if (table === undefined)
        return byName(layout, module, "hatchling's default");
    const other = onlyKeys(doc, build, ['targets']) ??
        onlyKeys(doc, [...build, 'targets'], ['wheel', 'sdist']) ??
        onlyKeys(doc, [...build, 'targets', 'wheel'], ['packages']);
    if (other)
        return { reason: other };
    const packages = doc.get([...build, 'targets', 'wheel', 'packages']);
    if (!Array.isArray(packages))
        return byName(layout, module, "hatchling's default");
    const roots = [];
    for (const p of packages) {
        const root = firstOf(layout, [String(p).replace(/^\.\//, '').replace(/\/+$/, '')]);
        if (!root)
            return {
                reason: `[tool.hatch.build.targets.wheel] packages: ${String(p)} is not a package microb can see`,
            };
        roots.push(root);
    }
    return roots.length > 0 ? { roots } : { reason: '[tool.hatch.build.targets.wheel] packages is empty' };
}
function flit(doc, layout, module) {
    const other = onlyKeys(doc, ['tool', 'flit'], ['module', 'sdist']);
    if (other)
        return { reason: other };
    const configured = doc.get(['tool', 'flit', 'module', 'name']);
    const name = typeof configured === 'string' ? configured : module;
    if (name.includes('.'))
        return { reason: '[tool.flit.module] names a namespace package' };
    return byName(layout, name, "flit's module");
}
function poetry(doc, layout, module) {
    const tool = ['tool', 'poetry'];
    for (const key of ['include', 'exclude', 'build']) {
        if (doc.get([...tool, key]) !== undefined)
            return { reason: `[tool.poetry] sets ${key}` };
    }
    const packages = doc.get([...tool, 'packages']);
    if (packages === undefined)
        return byName(layout, module, "poetry's default");
    if (!Array.isArray(packages))
        return { reason: '[tool.poetry] packages is not an array' };
    const roots = [];
    for (const p of packages) {
        if (!isTable(p) || Object.keys(p).some((k) => k !== 'include' && k !== 'from'))
            return { reason: '[tool.poetry] packages uses format/to or is not { include, from }' };
        const include = String(p.include);
        const from = p.from === undefined ? '' : String(p.from).replace(/\/+$/, '');
        if (!/^[A-Za-z_]\w*(\.py)?$/.test(include) || !['', 'src'].includes(from))
            return {
                reason: `[tool.poetry] packages: ${include} is a pattern or comes from a path microb does not read`,
            };
        const root = firstOf(layout, [from === '' ? include : `${from}/${include}`]);
        if (!root)
            return { reason: `[tool.poetry] packages: ${include} not found` };
        roots.push(root);
    }
    return roots.length > 0 ? { roots } : { reason: '[tool.poetry] packages is empty' };
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/pythonVersion.js


/** The CPython minor versions with official images, newest last. */
const SUPPORTED_PYTHONS = ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];
const VERSION = /^3(\.(0|[1-9]\d?)){0,2}$/;
/**
 * The target's python_version, else `.python-version`, else the newest supported CPython that
 * satisfies requires-python. A version that violates requires-python is an error.
 */
function resolvePythonVersion(sources) {
    const { doc, metadata } = sources;
    const requires = metadata.requiresPython;
    if (requires && !(0,pep440.validRange)(requires.spec)) {
        throw doc.error(requires.path, `invalid requires-python "${requires.spec}"`, 'a PEP 440 specifier set, e.g. ">=3.10,<3.13"');
    }
    const fits = (version) => !requires || someRelease(version, requires.spec);
    if (sources.targetVersion) {
        const { value, target } = sources.targetVersion;
        if (!fits(value)) {
            throw doc.error(['tool', 'microb', 'target', target, 'python_version'], `python_version "${value}" does not satisfy requires-python "${requires?.spec}"`, `pick a version allowed by requires-python (${describeAllowed(requires?.spec)})`);
        }
        return value;
    }
    if (sources.pythonVersionFile) {
        const { text, path } = sources.pythonVersionFile;
        const lines = text.split(/\r?\n/);
        const index = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
        const raw = (lines[index] ?? '').trim().replace(/^(cpython-|python)/, '');
        const location = { file: path, line: index + 1, column: 1 };
        if (!VERSION.test(raw)) {
            throw new ConfigError(location, '.python-version', `unsupported version ${JSON.stringify(raw)} in .python-version`, 'write a CPython version such as 3.12 or 3.12.4');
        }
        if (!fits(raw)) {
            throw new ConfigError(location, '.python-version', `.python-version says ${raw}, which does not satisfy requires-python "${requires?.spec}"`, `change one of them (${describeAllowed(requires?.spec)})`);
        }
        return raw;
    }
    const newest = [...SUPPORTED_PYTHONS].reverse().find(fits);
    if (!newest) {
        throw doc.error(requires?.path ?? ['project'], `no supported Python (${SUPPORTED_PYTHONS.join(', ')}) satisfies requires-python "${requires?.spec}"`, 'widen requires-python or set python_version in the target');
    }
    return newest;
}
/** True when some release of `version` ("3", "3.11" or "3.11.4") satisfies the specifier set. */
function someRelease(version, spec) {
    const parts = version.split('.');
    if (parts.length === 3)
        return (0,pep440.satisfies)(version, spec);
    const minors = parts.length === 2 ? [parts[1] ?? '0'] : Array.from({ length: 20 }, (_, i) => String(i));
    return minors.some((minor) => Array.from({ length: 40 }, (_, patch) => `3.${minor}.${patch}`).some((v) => (0,pep440.satisfies)(v, spec)));
}
function describeAllowed(spec) {
    const allowed = SUPPORTED_PYTHONS.filter((v) => spec === undefined || someRelease(v, spec));
    return allowed.length > 0
        ? `supported and allowed: ${allowed.join(', ')}`
        : 'no supported version is allowed';
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/suggest.js
/** "did you mean …?" for misspelled keys: the closest candidate within a small edit distance. */
function closest(word, candidates) {
    let best;
    let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
    for (const candidate of candidates) {
        const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/readIndex.js

const INDEX_KEYS = ['url', 'username', 'password', 'username_secret', 'password_secret', 'trust', 'primary'];
const SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** One `indices` entry. Credentials are kept apart from the URL: only build secrets carry them. */
function readIndex(fields, path, table) {
    const doc = fields.doc;
    for (const key of Object.keys(table)) {
        if (!INDEX_KEYS.includes(key)) {
            const guess = closest(key, INDEX_KEYS);
            throw doc.error([...path, key], `unknown key \`${key}\` in an index`, guess ? `did you mean \`${guess}\`?` : `allowed: ${INDEX_KEYS.join(', ')}`);
        }
    }
    if (table.url === undefined)
        throw doc.error(path, 'an index needs a `url`', 'indices = [{ url = "https://pypi.example.com/simple" }]');
    const rawUrl = fields.string([...path, 'url'], table.url);
    let url;
    try {
        url = new URL(rawUrl);
    }
    catch {
        throw doc.error([...path, 'url'], `invalid index url ${JSON.stringify(rawUrl)}`, 'an absolute http(s) URL, e.g. "https://pypi.example.com/simple"');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw doc.error([...path, 'url'], `unsupported index url scheme "${url.protocol}"`, 'use https:// (or http:// with trust = true)');
    }
    if (url.username || url.password) {
        throw doc.error([...path, 'url'], 'the index url contains credentials', 'credentials in a URL end up in the Dockerfile and image history: use username/password or username_secret/password_secret');
    }
    const credential = (kind) => {
        const inline = table[kind];
        const secret = table[`${kind}_secret`];
        if (inline !== undefined && secret !== undefined) {
            throw doc.error([...path, `${kind}_secret`], `both \`${kind}\` and \`${kind}_secret\` are set`, `keep \`${kind}_secret\`: the value stays out of the pyproject`);
        }
        if (secret !== undefined) {
            const id = fields.string([...path, `${kind}_secret`], secret);
            if (!SECRET_ID.test(id))
                throw doc.error([...path, `${kind}_secret`], `invalid secret id ${JSON.stringify(id)}`, 'letters, digits, "_", "-" and "."');
            return { kind: 'secret', id };
        }
        if (inline !== undefined)
            return { kind: 'inline', value: fields.string([...path, kind], inline) };
        return undefined;
    };
    const username = credential('username');
    const password = credential('password');
    if (password && !username) {
        throw doc.error([...path, table.password !== undefined ? 'password' : 'password_secret'], 'a password without a username', 'set `username` (or `username_secret`); a single token goes in the username');
    }
    return {
        url: url.toString(),
        host: url.hostname,
        ...(username && { username }),
        ...(password && { password }),
        trust: table.trust === undefined ? false : fields.boolean([...path, 'trust'], table.trust),
        primary: table.primary === undefined ? false : fields.boolean([...path, 'primary'], table.primary),
    };
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/template.js
const template_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
function parseTemplate(value) {
    const parts = [];
    let at = 0;
    for (const match of value.matchAll(template_REFERENCE)) {
        if (match.index > at)
            parts.push({ kind: 'text', text: value.slice(at, match.index) });
        const name = match[1] ?? '';
        parts.push(match[2] === undefined ? { kind: 'arg', name } : { kind: 'arg', name, fallback: match[2] });
        at = match.index + match[0].length;
    }
    if (at < value.length)
        parts.push({ kind: 'text', text: value.slice(at) });
    return parts;
}
/** The value as the built image will hold it, given the build args. */
function resolveTemplate(parts, buildArgs) {
    return parts
        .map((part) => {
        if (part.kind === 'text')
            return part.text;
        const given = buildArgs[part.name];
        // BuildKit's `:-` treats an empty value like an unset one
        return given !== undefined && given !== '' ? given : (part.fallback ?? given ?? '');
    })
        .join('');
}
function argNames(parts) {
    return parts.flatMap((part) => (part.kind === 'arg' ? [part.name] : []));
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/readTarget.js




const TARGET_KEYS = [
    'api_version',
    'python_version',
    'flavor',
    'build_deps',
    'system_deps',
    'env',
    'environment',
    'indices',
    'labels',
    'entrypoint',
    'command',
    'copy_files',
    'add_files',
    'copy_files_before_build',
    'add_files_before_build',
    'requirements',
    'extras',
];
const PYTHON_VERSION = /^3(\.(0|[1-9]\d?)){0,2}$/;
// Debian: name[:arch][=version]; Alpine: name[<>=~version]. Anything else is refused, not escaped.
const APT_PACKAGE = /^[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?(=[A-Za-z0-9.+~:-]+)?$/;
const APK_PACKAGE = /^[a-zA-Z0-9][a-zA-Z0-9+._-]*([<>=~]{1,2}[A-Za-z0-9._+-]+)?$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const STAGE_OR_IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
const CHECKSUM = /^sha(256:[0-9a-f]{64}|384:[0-9a-f]{96}|512:[0-9a-f]{128})$/;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Validate one `[tool.microb.target.NAME]` table (file existence and extras are checked by the caller). */
function readTarget(fields, name, table) {
    const base = ['tool', 'microb', 'target', name];
    const doc = fields.doc;
    for (const key of Object.keys(table)) {
        if (!TARGET_KEYS.includes(key)) {
            const guess = closest(key, TARGET_KEYS);
            throw doc.error([...base, key], `unknown key \`${key}\` in target "${name}"`, guess ? `did you mean \`${guess}\`?` : `known keys: ${TARGET_KEYS.join(', ')}`);
        }
    }
    const at = (key) => [...base, key];
    const has = (key) => table[key] !== undefined;
    if (has('api_version')) {
        const v = fields.string(at('api_version'), table.api_version);
        if (v !== 'v1')
            throw doc.error(at('api_version'), `unsupported api_version "${v}"`, 'the only api_version is "v1"');
    }
    let pythonVersion;
    if (has('python_version')) {
        const raw = table.python_version;
        if (typeof raw === 'number') {
            throw doc.error(at('python_version'), 'python_version must be a string', `quote it: python_version = "${String(raw)}" (3.10 written as a number is 3.1)`);
        }
        pythonVersion = fields.string(at('python_version'), raw);
        if (!PYTHON_VERSION.test(pythonVersion)) {
            throw doc.error(at('python_version'), `invalid python_version "${pythonVersion}"`, 'use "3", "3.11" or "3.11.4"');
        }
    }
    let flavor = 'debian';
    if (has('flavor')) {
        const v = fields.string(at('flavor'), table.flavor);
        if (v !== 'debian' && v !== 'alpine')
            throw doc.error(at('flavor'), `unknown flavor "${v}"`, 'use "debian" (default) or "alpine"');
        flavor = v;
    }
    const packages = (key) => {
        if (!has(key))
            return [];
        const list = fields.stringArray(at(key), table[key]);
        const pattern = flavor === 'alpine' ? APK_PACKAGE : APT_PACKAGE;
        list.forEach((pkg, i) => {
            if (!pattern.test(pkg)) {
                throw doc.error([...at(key), i], `invalid ${flavor === 'alpine' ? 'apk' : 'apt'} package name ${JSON.stringify(pkg)}`, 'one package per string, e.g. "libffi-dev" or "libpq5=15.*"');
            }
        });
        return list;
    };
    if (has('env') && has('environment')) {
        throw doc.error(at('environment'), 'both `env` and `environment` are set', '`environment` is another name for `env`: keep one');
    }
    const envKey = has('environment') ? 'environment' : 'env';
    const env = has(envKey)
        ? templates(fields, at(envKey), table[envKey], ENV_KEY, 'environment variable name, e.g. APP_MODE')
        : [];
    const labels = has('labels')
        ? templates(fields, at('labels'), table.labels, LABEL_KEY, 'label key, e.g. "com.example.team"')
        : [];
    const requirements = has('requirements')
        ? fields.string(at('requirements'), table.requirements)
        : undefined;
    const extras = has('extras') ? fields.stringArray(at('extras'), table.extras) : [];
    if (requirements !== undefined && has('extras')) {
        throw doc.error(at('extras'), '`extras` cannot be combined with `requirements`', 'a requirements/lock file already lists every dependency: export it with the extras you need');
    }
    const command = (key) => (has(key) ? fields.stringArray(at(key), table[key]) : undefined);
    const indices = has('indices')
        ? fields
            .tableArray(at('indices'), table.indices, 'indices = [{ url = "https://…/simple" }]')
            .map((t, i) => readIndex(fields, [...at('indices'), i], t))
        : [];
    if (indices.filter((index) => index.primary).length > 1) {
        throw doc.error(at('indices'), 'more than one index has `primary = true`', 'only one index can replace PyPI; add the others as extra indices');
    }
    return {
        name,
        ...(pythonVersion !== undefined && { pythonVersion }),
        flavor,
        buildDeps: packages('build_deps'),
        systemDeps: packages('system_deps'),
        env,
        indices,
        labels,
        ...(has('entrypoint') && { entrypoint: command('entrypoint') }),
        ...(has('command') && { command: command('command') }),
        copyFiles: copies(fields, at('copy_files'), table.copy_files),
        addFiles: adds(fields, at('add_files'), table.add_files),
        copyFilesBeforeBuild: copies(fields, at('copy_files_before_build'), table.copy_files_before_build),
        addFilesBeforeBuild: adds(fields, at('add_files_before_build'), table.add_files_before_build),
        ...(requirements !== undefined && { requirements }),
        extras,
    };
}
function templates(fields, path, value, keyPattern, what) {
    return fields.stringTable(path, value).map(([key, text]) => {
        if (!keyPattern.test(key))
            throw fields.doc.error([...path, key], `invalid key ${JSON.stringify(key)}`, `expected a ${what}`);
        if (CONTROL.test(text)) {
            throw fields.doc.error([...path, key], `the value of ${key} contains a control character (newline, tab, …)`, 'Dockerfile ENV and LABEL values are one line: remove it or encode it (e.g. as \\n for your app to decode)');
        }
        return { key, template: parseTemplate(text) };
    });
}
function filePath(fields, path, value) {
    const text = fields.string(path, value);
    if (text === '' || CONTROL.test(text))
        throw fields.doc.error(path, `invalid path ${JSON.stringify(text)}`, 'a non-empty path without control characters');
    return text;
}
function checkKeys(fields, path, table, allowed) {
    for (const key of Object.keys(table)) {
        if (!allowed.includes(key)) {
            const guess = closest(key, allowed);
            throw fields.doc.error([...path, key], `unknown key \`${key}\``, guess ? `did you mean \`${guess}\`?` : `allowed: ${allowed.join(', ')}`);
        }
    }
    for (const key of ['src', 'dst']) {
        if (table[key] === undefined)
            throw fields.doc.error(path, `missing \`${key}\``, '{ src = "path/in/context", dst = "/path/in/image" }');
    }
}
function copies(fields, path, value) {
    if (value === undefined)
        return [];
    return fields.tableArray(path, value, '[{ src = "config.yaml", dst = "/app/config.yaml" }]').map((t, i) => {
        const at = [...path, i];
        checkKeys(fields, at, t, ['src', 'dst', 'from']);
        const from = t.from === undefined ? undefined : fields.string([...at, 'from'], t.from);
        if (from !== undefined && !STAGE_OR_IMAGE.test(from)) {
            throw fields.doc.error([...at, 'from'], `invalid \`from\` ${JSON.stringify(from)}`, 'a stage, build context or image name, e.g. "alpine:3.19"');
        }
        return {
            src: filePath(fields, [...at, 'src'], t.src),
            dst: filePath(fields, [...at, 'dst'], t.dst),
            ...(from !== undefined && { from }),
        };
    });
}
function adds(fields, path, value) {
    if (value === undefined)
        return [];
    return fields
        .tableArray(path, value, '[{ src = "https://…/file", dst = "/app/file", checksum = "sha256:…" }]')
        .map((t, i) => {
        const at = [...path, i];
        checkKeys(fields, at, t, ['src', 'dst', 'checksum']);
        const src = filePath(fields, [...at, 'src'], t.src);
        const checksum = t.checksum === undefined ? undefined : fields.string([...at, 'checksum'], t.checksum);
        if (checksum !== undefined) {
            if (!CHECKSUM.test(checksum))
                throw fields.doc.error([...at, 'checksum'], `invalid checksum ${JSON.stringify(checksum)}`, 'use "sha256:<64 hex digits>"');
            if (!/^https?:\/\//.test(src))
                throw fields.doc.error([...at, 'checksum'], '`checksum` only applies to http(s) sources', 'BuildKit verifies checksums of downloaded files; remove it for local files');
        }
        return {
            src,
            dst: filePath(fields, [...at, 'dst'], t.dst),
            ...(checksum !== undefined && { checksum }),
        };
    });
}


;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/config/loadProject.js







const DEFAULT_TARGET = 'default';
const MICROB = ['tool', 'microb'];
// eslint-disable-next-line no-control-regex -- looking for control characters on purpose
const loadProject_CONTROL = /[\u0000-\u001f\u007f]/;
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SAFE_RELATIVE_PATH = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_@%+=:./-]+$/;
function loadProject(snapshot) {
    const doc = new PyprojectDocument(snapshot.pyprojectPath, snapshot.pyprojectText);
    const fields = new FieldReader(doc);
    const microb = doc.get(MICROB);
    const targetTables = new Map();
    if (microb !== undefined) {
        if (!isTable(microb))
            throw doc.error(MICROB, '`tool.microb` must be a table', '[tool.microb.target.default]');
        for (const key of Object.keys(microb)) {
            if (key !== 'target')
                throw doc.error([...MICROB, key], `unknown key \`${key}\` in [tool.microb]`, 'targets go under [tool.microb.target.NAME]');
        }
        const targets = microb.target;
        if (targets !== undefined) {
            if (!isTable(targets))
                throw doc.error([...MICROB, 'target'], '`tool.microb.target` must be a table of targets', '[tool.microb.target.default]');
            for (const name of fields.keysInFileOrder([...MICROB, 'target'], targets)) {
                const table = targets[name];
                if (!isTable(table)) {
                    throw doc.error([...MICROB, 'target', name], `target "${name}" must be a table`, `[tool.microb.target.${name}] with keys such as python_version = "3.12"`);
                }
                if (!TARGET_NAME.test(name)) {
                    throw doc.error([...MICROB, 'target', name], `invalid target name ${JSON.stringify(name)}`, 'letters, digits, ".", "_" and "-", starting with a letter or digit');
                }
                targetTables.set(name, table);
            }
        }
    }
    return { fields, metadata: readProjectMetadata(fields), targetTables };
}
function targetNames(project) {
    return project.targetTables.size === 0 ? [DEFAULT_TARGET] : [...project.targetTables.keys()];
}
/** The named target, or the default one: `default` if present, else the first in file order. */
function chooseTarget(project, requested) {
    const names = targetNames(project);
    if (requested === undefined || requested === '')
        return names.includes(DEFAULT_TARGET) ? DEFAULT_TARGET : names[0];
    if (!names.includes(requested)) {
        const guess = closest(requested, names);
        const path = project.targetTables.size === 0 ? [] : [...MICROB, 'target'];
        throw project.fields.doc.error(path, `unknown target "${requested}"`, `${guess ? `did you mean "${guess}"? ` : ''}available targets: ${names.join(', ')}`);
    }
    return requested;
}
function resolveTarget(project, snapshot, name) {
    const { fields, metadata } = project;
    const doc = fields.doc;
    const config = readTarget(fields, name, project.targetTables.get(name) ?? {});
    const at = (key) => [...MICROB, 'target', name, key];
    if (config.requirements !== undefined) {
        if (!SAFE_RELATIVE_PATH.test(config.requirements)) {
            throw doc.error(at('requirements'), `unsupported requirements path ${JSON.stringify(config.requirements)}`, 'a relative path inside the project, without spaces, commas or ".."');
        }
        if (snapshot.files.get(config.requirements) == null) {
            throw doc.error(at('requirements'), `requirements file "${config.requirements}" does not exist`, 'the path is relative to the pyproject.toml; export it first, e.g. `uv export -o requirements.txt`');
        }
    }
    for (const [i, extra] of config.extras.entries()) {
        if (!metadata.optionalDependencies.has(extra)) {
            const groups = [...metadata.optionalDependencies.keys()];
            const guess = closest(extra, groups);
            throw doc.error([...at('extras'), i], `unknown extra "${extra}"`, guess
                ? `did you mean "${guess}"?`
                : groups.length > 0
                    ? `defined extras: ${groups.join(', ')}`
                    : 'the project defines no optional-dependencies');
        }
    }
    const dependencies = [];
    if (config.requirements === undefined) {
        const add = (requirement, path) => {
            checkRequirement(project, requirement, path);
            if (!dependencies.includes(requirement))
                dependencies.push(requirement);
        };
        const depsPath = metadata.source === 'poetry' ? ['tool', 'poetry', 'dependencies'] : ['project', 'dependencies'];
        metadata.dependencies.forEach((r, i) => add(r, [...depsPath, i]));
        for (const extra of config.extras) {
            const groupPath = metadata.source === 'poetry'
                ? ['tool', 'poetry', 'extras', extra]
                : ['project', 'optional-dependencies', extra];
            metadata.optionalDependencies.get(extra)?.forEach((r, i) => add(r, [...groupPath, i]));
        }
    }
    const versionFile = snapshot.files.get('.python-version');
    const pythonVersion = resolvePythonVersion({
        doc,
        metadata,
        ...(config.pythonVersion !== undefined && {
            targetVersion: { value: config.pythonVersion, target: name },
        }),
        ...(versionFile != null && {
            pythonVersionFile: { text: versionFile, path: siblingPath(snapshot.pyprojectPath, '.python-version') },
        }),
    });
    const requirementsText = config.requirements === undefined ? '' : (snapshot.files.get(config.requirements) ?? '');
    const needsSsh = [...dependencies, ...requirementsText.split('\n')].some((line) => /\bssh:\/\//.test(line));
    const install = resolveProjectInstall(doc, metadata, snapshot);
    return { config, metadata, pythonVersion, dependencies, needsSsh, install };
}
/** Requirements go into a RUN line: no control characters and no credentials in URLs. */
function checkRequirement(project, requirement, path) {
    const doc = project.fields.doc;
    if (requirement.trim() === '' || loadProject_CONTROL.test(requirement)) {
        throw doc.error(path, `invalid requirement ${JSON.stringify(requirement)}`, 'a PEP 508 requirement such as "requests>=2.31"');
    }
    if (/\bhttps?:\/\/[^/\s@]+@/.test(requirement)) {
        throw doc.error(path, 'a dependency URL contains credentials', 'they would be written into the Dockerfile: serve the package from an index with username_secret/password_secret, or use git+ssh://');
    }
}
function siblingPath(pyprojectPath, name) {
    const slash = pyprojectPath.lastIndexOf('/');
    return slash === -1 ? name : `${pyprojectPath.slice(0, slash + 1)}${name}`;
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/dockerfile/dockerignore.js
/**
 * Exclusions shipped beside the generated Dockerfile when the project has no .dockerignore of its
 * own: VCS data, virtualenvs, caches and build outputs never belong in the build context.
 */
const DEFAULT_DOCKERIGNORE = [
    '# Generated by microb: the project has no .dockerignore of its own.',
    '.git',
    '.hg',
    '.svn',
    '.microb',
    '.venv',
    'venv',
    '.tox',
    '.nox',
    '**/__pycache__',
    '**/*.py[cod]',
    '.pytest_cache',
    '.mypy_cache',
    '.ruff_cache',
    '.coverage',
    'htmlcov',
    'build',
    'dist',
    '*.egg-info',
    '.DS_Store',
    '',
].join('\n');

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/dockerfile/quote.js
/** POSIX shell single-quoting: one argument, nothing expanded. */
function shellQuote(word) {
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word))
        return word;
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
/**
 * A Dockerfile ENV/LABEL value in double quotes: `"`, `\` and a literal `$` are escaped so the
 * Dockerfile's own word processing gives back the original text; `${NAME}` / `${NAME:-default}`
 * references stay live so BuildKit fills them from build args.
 */
function dockerValue(parts) {
    const escape = (text) => text.replace(/[\\"$]/g, '\\$&');
    const body = parts
        .map((part) => {
        if (part.kind === 'text')
            return escape(part.text);
        return part.fallback === undefined
            ? `\${${part.name}}`
            : `\${${part.name}:-${escapeFallback(part.fallback)}}`;
    })
        .join('');
    return `"${body}"`;
}
// Inside `${NAME:-…}` a `}` ends the word and `$` starts another reference: escape both.
function escapeFallback(text) {
    return text.replace(/[\\"$}]/g, '\\$&');
}
/** A literal ENV/LABEL value (no references). */
function dockerLiteral(text) {
    return dockerValue([{ kind: 'text', text }]);
}
/** A LABEL key: quoted so dots, slashes and dashes are taken as written. */
function labelKey(key) {
    return dockerLiteral(key);
}
/** Exec-form arguments for ENTRYPOINT/CMD: a JSON array (no variable expansion in exec form). */
function execForm(args) {
    return JSON.stringify(args).replace(/","/g, '", "');
}
const PLAIN_PATH = /^[A-Za-z0-9_@%+=:,./-]+$/;
/**
 * COPY/ADD sources and destination. Plain words when they are simple; otherwise the JSON form,
 * with `\`, `$` and quotes escaped for the word processing BuildKit applies to each element.
 */
function copyArgs(paths) {
    if (paths.every((p) => PLAIN_PATH.test(p)))
        return paths.join(' ');
    return `[${paths.map((p) => JSON.stringify(p.replace(/[\\$"']/g, '\\$&'))).join(', ')}]`;
}
/** A comment line: a line break in it would end the comment and start an instruction. */
function commentText(text) {
    // eslint-disable-next-line no-control-regex -- replacing control characters on purpose
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/dockerfile/render.js

const CONTINUE = ' \\\n    ';
/** Dockerfile text for a plan: byte-identical for the same plan. */
function renderDockerfile(plan) {
    const lines = [];
    if (plan.syntax)
        lines.push(`# syntax=${plan.syntax}`);
    for (const text of plan.header)
        lines.push(text === '' ? '#' : `# ${text}`);
    for (const stage of plan.stages) {
        lines.push('');
        for (const instruction of stage.instructions)
            lines.push(renderInstruction(instruction));
    }
    return `${lines.join('\n')}\n`;
}
function renderInstruction(i) {
    switch (i.op) {
        case 'FROM':
            return `FROM ${i.image} AS ${i.name}`;
        case 'ARG':
            return i.value === undefined ? `ARG ${i.name}` : `ARG ${i.name}=${dockerLiteral(i.value)}`;
        case 'ENV':
            return `ENV ${i.pairs.map((p) => `${p.key}=${dockerValue(p.value)}`).join(CONTINUE)}`;
        case 'LABEL':
            return `LABEL ${i.pairs.map((p) => `${labelKey(p.key)}=${dockerValue(p.value)}`).join(CONTINUE)}`;
        case 'RUN':
            return `RUN ${[...i.mounts.map(renderMount), i.commands.join(' \\\n && ')].join(CONTINUE)}`;
        case 'COPY': {
            const flags = [
                i.from !== undefined ? `--from=${i.from}` : '',
                i.link ? '--link' : '',
                i.chmod !== undefined ? `--chmod=${i.chmod}` : '',
            ].filter(Boolean);
            return ['COPY', ...flags, copyArgs([...i.sources, i.dest])].join(' ');
        }
        case 'ADD': {
            const flags = [
                i.chmod !== undefined ? `--chmod=${i.chmod}` : '',
                i.checksum !== undefined ? `--checksum=${i.checksum}` : '',
            ].filter(Boolean);
            return ['ADD', ...flags, copyArgs([...i.sources, i.dest])].join(' ');
        }
        case 'WORKDIR':
            return `WORKDIR ${i.path}`;
        case 'USER':
            return `USER ${i.user}`;
        case 'ENTRYPOINT':
        case 'CMD':
            return `${i.op} ${execForm(i.args)}`;
        case 'COMMENT':
            return `# ${commentText(i.text)}`;
    }
}
function renderMount(m) {
    switch (m.type) {
        case 'cache':
            return `--mount=type=cache,id=${m.id},target=${m.target}${m.sharing ? `,sharing=${m.sharing}` : ''}`;
        case 'secret':
            return `--mount=type=secret,id=${m.id},target=${m.target},required=true`;
        case 'ssh':
            return '--mount=type=ssh,required=true';
        case 'bind':
            return `--mount=type=bind,source=${m.source},target=${m.target}`;
    }
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/plan/files.js
/** `copy_files` / `copy_files_before_build` entries as COPY instructions. */
function copyInstructions(entries) {
    return entries.map((c) => ({
        op: 'COPY',
        ...(c.from !== undefined && { from: c.from }),
        sources: [c.src],
        dest: c.dst,
    }));
}
/**
 * `add_files` / `add_files_before_build` entries as ADD instructions. BuildKit writes a URL
 * download as root-only 0600; the image runs as a non-root user, so make it readable.
 */
function addInstructions(entries) {
    return entries.map((a) => ({
        op: 'ADD',
        ...(/^https?:\/\//.test(a.src) && { chmod: '644' }),
        ...(a.checksum !== undefined && { checksum: a.checksum }),
        sources: [a.src],
        dest: a.dst,
    }));
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/plan/labels.js

const literal = (text) => [{ kind: 'text', text: text.replace(/\s+/g, ' ').trim() }];
/**
 * The final image's labels: OCI annotations from the project metadata, microb's own, then the
 * target's labels, which win over generated ones with the same key.
 */
function imageLabels(target, dependencies) {
    const { metadata, config } = target;
    const generated = [
        ['org.opencontainers.image.title', metadata.name],
        ['org.opencontainers.image.version', metadata.version],
        ['org.opencontainers.image.description', metadata.description],
        ['org.opencontainers.image.licenses', metadata.license],
        [
            'org.opencontainers.image.authors',
            metadata.authors.length > 0 ? metadata.authors.join(', ') : undefined,
        ],
        ['dev.microb.target', config.name],
        [
            'dev.microb.dependencies',
            dependencies === undefined || dependencies.length === 0 ? undefined : JSON.stringify(dependencies),
        ],
    ];
    const userKeys = new Set(config.labels.map((l) => l.key));
    const labels = generated.flatMap(([key, value]) => value === undefined || value === '' || userKeys.has(key) ? [] : [{ key, value: literal(value) }]);
    return [...labels, ...config.labels.map((l) => ({ key: l.key, value: l.template }))];
}
/** The requested dependencies as the mopy-style label lists them: credentials stripped. */
function dependencyList(target) {
    if (target.config.requirements !== undefined)
        return [`-r ${target.config.requirements}`];
    return target.dependencies.map((d) => d.replace(/\b(https?:\/\/)[^/\s@]+@/g, '$1'));
}


;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/plan/packages.js
/** apt/apk steps with BuildKit cache mounts, so packages are downloaded once per builder. */
const APT_CACHE_MOUNTS = [
    { id: 'microb-apt-cache', target: '/var/cache/apt' },
    { id: 'microb-apt-lists', target: '/var/lib/apt/lists' },
];
const APK_CACHE_MOUNTS = [{ id: 'microb-apk-cache', target: '/var/cache/apk' }];
function packageCacheMounts(flavor) {
    return flavor === 'alpine' ? APK_CACHE_MOUNTS : APT_CACHE_MOUNTS;
}
function lockedMounts(flavor) {
    // sharing=locked: apt and apk take their own locks and break when two builds share the dir
    return packageCacheMounts(flavor).map((m) => ({
        type: 'cache',
        id: m.id,
        target: m.target,
        sharing: 'locked',
    }));
}
/** Debian images delete downloaded .debs after every install; keep them in the cache mount. */
const KEEP_APT_DOWNLOADS = {
    op: 'RUN',
    mounts: [],
    commands: [
        'rm -f /etc/apt/apt.conf.d/docker-clean',
        `echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`,
    ],
};
/** Install packages (already validated names: they are written as they are). */
function installPackages(flavor, packages) {
    const commands = flavor === 'alpine'
        ? [`apk add --cache-dir /var/cache/apk ${packages.join(' ')}`]
        : ['apt-get update -qq', `apt-get install -y --no-install-recommends ${packages.join(' ')}`];
    return { op: 'RUN', mounts: lockedMounts(flavor), commands };
}
/** git and an ssh client for git+ssh dependencies, installed only when the image lacks them. */
function ensureGitAndSsh(flavor) {
    const install = flavor === 'alpine'
        ? 'apk add --cache-dir /var/cache/apk git openssh-client'
        : '{ apt-get update -qq && apt-get install -y --no-install-recommends git openssh-client; }';
    return {
        op: 'RUN',
        mounts: lockedMounts(flavor),
        commands: [`{ command -v git && command -v ssh; } >/dev/null || ${install}`],
    };
}
function createUser(flavor, uid) {
    const commands = flavor === 'alpine'
        ? [
            `addgroup -g ${uid} nonroot`,
            `adduser -D -u ${uid} -G nonroot -h /home/nonroot -s /sbin/nologin nonroot`,
        ]
        : [
            `groupadd --gid ${uid} nonroot`,
            `useradd --uid ${uid} --gid ${uid} --home-dir /home/nonroot --create-home --shell /usr/sbin/nologin nonroot`,
        ];
    return { op: 'RUN', mounts: [], commands };
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/plan/pipAccess.js

const SECRETS_DIR = '/run/secrets';
// Reads a secret file and URL-encodes it. The secret travels file → python → shell variable,
// never through a command line, so it is in no process list, log line or image history.
const READ_CREDENTIAL = 'microb_credential() { python -c \'import sys, urllib.parse; print(urllib.parse.quote(open(sys.argv[1]).read().strip("\\r\\n"), safe=""))\' "$1"; }';
function pipAccess(indices) {
    const mounts = [];
    const secrets = [];
    const extra = [];
    let primary;
    const trusted = [];
    indices.forEach((index, n) => {
        const credentialWord = (kind, credential) => {
            const id = credential.kind === 'secret' ? credential.id : `microb-index-${n + 1}-${kind}`;
            if (!secrets.some((s) => s.id === id)) {
                secrets.push({
                    id,
                    source: credential.kind === 'secret' ? { kind: 'caller' } : { kind: 'inline', value: credential.value },
                    purpose: `${kind} of index ${index.url}`,
                });
                mounts.push({ type: 'secret', id, target: `${SECRETS_DIR}/${id}` });
            }
            return `"$(microb_credential ${SECRETS_DIR}/${id})"`;
        };
        let word;
        if (index.username) {
            const url = new URL(index.url);
            const rest = index.url.slice(`${url.protocol}//`.length);
            const user = credentialWord('username', index.username);
            const pass = index.password ? `${shellQuote(':')}${credentialWord('password', index.password)}` : '';
            word = `${shellQuote(`${url.protocol}//`)}${user}${pass}${shellQuote(`@${rest}`)}`;
        }
        else {
            word = shellQuote(index.url);
        }
        if (index.primary)
            primary = word;
        else
            extra.push(word);
        if (index.trust && !trusted.includes(index.host))
            trusted.push(index.host);
    });
    const environment = [];
    if (primary)
        environment.push(`PIP_INDEX_URL=${primary}`);
    // pip splits PIP_EXTRA_INDEX_URL on whitespace: join the words with a quoted space
    if (extra.length > 0)
        environment.push(`PIP_EXTRA_INDEX_URL=${extra.join("' '")}`);
    if (trusted.length > 0)
        environment.push(`PIP_TRUSTED_HOST=${shellQuote(trusted.join(' '))}`);
    return { mounts, prelude: secrets.length > 0 ? [READ_CREDENTIAL] : [], environment, secrets };
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/plan/metadataWheel.js

function metadataWheel(input) {
    const dist = underscoreName(input.name);
    const version = input.version.replace(/-/g, '_');
    const distInfo = `${dist}-${version}.dist-info`;
    const header = (key, value) => 
    // one header line each: a value with a line break would start a header of its own
    value === undefined || /[\r\n]/.test(value) ? [] : [`${key}: ${value}`];
    const metadata = [
        'Metadata-Version: 2.1',
        ...header('Name', input.name),
        ...header('Version', input.version),
        ...header('Summary', input.summary),
        ...header('Requires-Python', input.requiresPython),
        ...input.requiresDist.flatMap((r) => header('Requires-Dist', r)),
    ];
    const files = new Map([
        [`_microb_${dist}.pth`, `${input.importRoot}\n`],
        [`${distInfo}/METADATA`, lines(metadata)],
        [
            `${distInfo}/WHEEL`,
            lines(['Wheel-Version: 1.0', 'Generator: microb', 'Root-Is-Purelib: true', 'Tag: py3-none-any']),
        ],
    ]);
    if (input.entryPoints.length > 0) {
        const sections = input.entryPoints.map((g) => `[${g.group}]\n${g.entries.map((e) => `${e.name} = ${e.reference}\n`).join('')}`);
        files.set(`${distInfo}/entry_points.txt`, sections.join('\n'));
    }
    return { fileName: `${dist}-${version}-py3-none-any.whl`, files, record: `${distInfo}/RECORD` };
}
function lines(items) {
    return items.map((l) => `${l}\n`).join('');
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/plan/projectStage.js


const STAGE_ROOT = '/opt/microb/stage';
/** Where copied import packages live; the metadata wheel's `.pth` puts it on `sys.path`. */
const IMPORT_ROOT = '/opt/microb/project';
/** Where the builder works (`copy_files_before_build`) and a built project's sources go. */
const SOURCE_DIR = '/src';
function projectStage(input) {
    const { target, venv } = input;
    const install = target.install;
    const staged = [
        { op: 'COPY', from: 'project', link: true, sources: [`${STAGE_ROOT}/`], dest: '/' },
    ];
    if (install.kind === 'build') {
        // PYTHONPATH lends the venv's interpreter the build env's path (pip and the backend) for this
        // one command: pip runs in the venv itself, one interpreter start fewer than `pip --python`,
        // and scripts get the venv's shebang.
        const buildEnvPath = `"$(${input.buildEnv}/bin/python -c 'import sys; print(":".join(p for p in sys.path[1:] if p))')"`;
        return {
            stage: [
                { op: 'FROM', image: 'builder', name: 'project' },
                { op: 'COMMENT', text: `Built by the project's backend on every source change: ${install.reason}.` },
                { op: 'COPY', sources: [input.projectDir], dest: SOURCE_DIR },
                {
                    op: 'RUN',
                    mounts: [input.pipCache],
                    commands: [
                        `PYTHONPATH=${buildEnvPath} ${venv}/bin/python -m pip install --no-deps --no-build-isolation --ignore-installed --no-compile --no-warn-script-location --root ${STAGE_ROOT} ${SOURCE_DIR}`,
                        `${venv}/bin/python ${input.compile} -s ${STAGE_ROOT} -p / ${STAGE_ROOT}`,
                    ],
                },
            ],
            staged,
            sources: [],
        };
    }
    const { metadata } = target;
    const wheel = metadataWheel({
        name: install.name,
        version: install.version,
        ...(metadata.description !== undefined && { summary: metadata.description }),
        ...(metadata.requiresPython !== undefined && { requiresPython: metadata.requiresPython.spec }),
        requiresDist: metadata.dependencies,
        entryPoints: metadata.entryPoints,
        importRoot: IMPORT_ROOT,
    });
    const wheelPath = `/tmp/${wheel.fileName}`;
    // argv: wheel path, RECORD path, {archive path: text}; RECORD gets each file's sha256 (urlsafe
    // base64, unpadded) and size, as the wheel spec asks.
    const writeWheel = [
        'import base64, hashlib, json, sys, zipfile',
        'files = json.loads(sys.argv[3])',
        'sha = lambda b: base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b"=").decode()',
        'files[sys.argv[2]] = "".join("%s,sha256=%s,%d\\n" % (p, sha(t.encode()), len(t.encode())) for p, t in files.items()) + sys.argv[2] + ",,\\n"',
        'z = zipfile.ZipFile(sys.argv[1], "w")',
        '[z.writestr(p, t) for p, t in files.items()]',
        'z.close()',
    ].join('; ');
    return {
        stage: [
            { op: 'FROM', image: 'builder', name: 'project' },
            {
                op: 'COMMENT',
                text: "The project's metadata and scripts, from the pyproject alone (its code is copied as it is, last).",
            },
            {
                op: 'RUN',
                mounts: [],
                commands: [
                    `python -c ${shellQuote(writeWheel)} ${shellQuote(wheelPath)} ${shellQuote(wheel.record)} ${shellQuote(JSON.stringify(Object.fromEntries(wheel.files)))}`,
                    `python -m pip --python ${venv}/bin/python install --no-deps --no-index --no-compile --no-warn-script-location --root ${STAGE_ROOT} ${shellQuote(wheelPath)}`,
                    `rm -f ${shellQuote(wheelPath)} ${STAGE_ROOT}${venv}/lib/python*/site-packages/*.dist-info/direct_url.json`,
                ],
            },
        ],
        staged,
        sources: [
            {
                op: 'COMMENT',
                text: 'The import packages as they are: a source change rebuilds only this; 755 so any uid can read them.',
            },
            ...install.roots.map((root) => ({
                op: 'COPY',
                link: true,
                chmod: '755',
                sources: [input.inProject(root.source)],
                dest: `${IMPORT_ROOT}/${root.name}`,
            })),
        ],
    };
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/plan/stages.js







/** Fixed paths: the image works the same for every project and any uid. */
const VENV = '/opt/venv';
const BUILD_ENV = '/opt/microb/build-env';
const APP_DIR = '/app';
const NONROOT_UID = 65532;
const PIP_CACHE = { id: 'microb-pip', target: '/root/.cache/pip' };
const KNOWN_HOSTS_SECRET = 'microb-known-hosts';
const REQUIREMENTS_MOUNT = '/run/microb/requirements.in';
// A different path than the original: filtering a file onto itself truncates it.
const REQUIREMENTS_FILTERED = '/tmp/microb-requirements.txt';
// The project itself is installed from its own wheel later: drop `-e .` / `-e file:.` lines only.
const DROP_SELF = `sed -E '/^[[:space:]]*(-e|--editable)[[:space:]=]*(file:)?\\.\\/?[[:space:]]*$/d'`;
const COMPILE = '-m compileall -q -j 0 --invalidation-mode unchecked-hash';
function planBuild(target, options, pyprojectName) {
    const { config, metadata } = target;
    const flavor = config.flavor;
    const projectDir = normalizeDir(options.projectDir ?? '.');
    const inProject = (path) => (projectDir === '.' ? path : `${projectDir}/${path}`);
    const builderImage = `python:${target.pythonVersion}${flavor === 'alpine' ? '-alpine' : ''}`;
    const finalImage = `python:${target.pythonVersion}${flavor === 'alpine' ? '-alpine' : '-slim'}`;
    const access = pipAccess(config.indices);
    const ssh = target.needsSsh;
    const pipCache = { type: 'cache', id: PIP_CACHE.id, target: PIP_CACHE.target };
    const knownHosts = ssh
        ? [
            { type: 'secret', id: KNOWN_HOSTS_SECRET, target: `/run/secrets/${KNOWN_HOSTS_SECRET}` },
            { type: 'ssh' },
        ]
        : [];
    const gitSsh = ssh
        ? [
            `GIT_SSH_COMMAND=${shellQuote(`ssh -o UserKnownHostsFile=/run/secrets/${KNOWN_HOSTS_SECRET} -o StrictHostKeyChecking=yes`)}`,
        ]
        : [];
    const pip = (python, args) => [...access.environment, ...gitSsh, `python -m pip --python ${python} ${args}`].join(' ');
    const labels = imageLabels(target, options.dependencyLabel === false ? undefined : dependencyList(target));
    const templated = [
        ...config.env.map((e) => e.template),
        ...labels.map((l) => l.value),
    ];
    const buildArgsUsed = [...new Set(templated.flatMap(argNames))];
    const args = buildArgsUsed.map((name) => ({
        op: 'ARG',
        name,
        ...(options.buildArgs?.[name] !== undefined && { value: options.buildArgs[name] }),
    }));
    const userEnv = config.env.length > 0
        ? [{ op: 'ENV', pairs: config.env.map((e) => ({ key: e.key, value: e.template })) }]
        : [];
    const text = (t) => [{ kind: 'text', text: t }];
    // builder: toolchain, empty venv, the build backend (the base image's setuptools satisfies the
    // common case without a download). Nothing here depends on the sources.
    const builder = [
        { op: 'FROM', image: builderImage, name: 'builder' },
        ...(flavor === 'debian'
            ? [{ op: 'ARG', name: 'DEBIAN_FRONTEND', value: 'noninteractive' }]
            : []),
        {
            op: 'ENV',
            pairs: [
                { key: 'PIP_DISABLE_PIP_VERSION_CHECK', value: text('1') },
                { key: 'PIP_ROOT_USER_ACTION', value: text('ignore') },
                { key: 'PYTHONDONTWRITEBYTECODE', value: text('1') },
            ],
        },
        ...args,
        ...userEnv,
        ...(flavor === 'debian' ? [KEEP_APT_DOWNLOADS] : []),
        ...(config.buildDeps.length > 0 ? [installPackages(flavor, config.buildDeps)] : []),
        ...(ssh ? [ensureGitAndSsh(flavor)] : []),
        {
            op: 'RUN',
            mounts: [],
            commands: [
                `python -m venv --without-pip ${VENV}`,
                `python -m venv --without-pip --system-site-packages ${BUILD_ENV}`,
            ],
        },
        {
            op: 'RUN',
            mounts: [pipCache, ...access.mounts],
            commands: [
                ...access.prelude,
                pip(`${BUILD_ENV}/bin/python`, `install --no-warn-script-location ${metadata.buildSystem.requires.map(shellQuote).join(' ')}`),
            ],
        },
        { op: 'WORKDIR', path: SOURCE_DIR },
        ...copyInstructions(config.copyFilesBeforeBuild),
        ...addInstructions(config.addFilesBeforeBuild),
    ];
    // deps: third-party packages only. Its cache key is this text (and a bound lock file), so a
    // source change never reinstalls them.
    const installDeps = `install --no-compile --no-warn-script-location`;
    const depsCommands = [];
    const depsMounts = [pipCache, ...access.mounts, ...knownHosts];
    if (config.requirements !== undefined) {
        depsMounts.push({ type: 'bind', source: inProject(config.requirements), target: REQUIREMENTS_MOUNT });
        depsCommands.push(`${DROP_SELF} ${REQUIREMENTS_MOUNT} > ${REQUIREMENTS_FILTERED}`, pip(`${VENV}/bin/python`, `${installDeps} -r ${REQUIREMENTS_FILTERED}`), `rm -f ${REQUIREMENTS_FILTERED}`);
    }
    else if (target.dependencies.length > 0) {
        depsCommands.push(pip(`${VENV}/bin/python`, `${installDeps} ${target.dependencies.map(shellQuote).join(' ')}`));
    }
    const deps = [
        { op: 'FROM', image: 'builder', name: 'deps' },
        ...(depsCommands.length > 0
            ? [
                {
                    op: 'RUN',
                    mounts: depsMounts,
                    commands: [...access.prelude, ...depsCommands, `${VENV}/bin/python ${COMPILE} ${VENV}/lib`],
                },
            ]
            : []),
    ];
    const project = projectStage({
        target,
        venv: VENV,
        buildEnv: BUILD_ENV,
        pipCache,
        compile: COMPILE,
        inProject,
        projectDir,
    });
    const entrypoint = config.entrypoint ??
        (config.command === undefined && metadata.scripts.length === 1
            ? [metadata.scripts[0]]
            : undefined);
    const final = [
        { op: 'FROM', image: finalImage, name: 'image' },
        ...(flavor === 'debian' && config.systemDeps.length > 0
            ? [{ op: 'ARG', name: 'DEBIAN_FRONTEND', value: 'noninteractive' }]
            : []),
        ...args,
        ...(config.systemDeps.length > 0 ? [installPackages(flavor, config.systemDeps)] : []),
        createUser(flavor, NONROOT_UID),
        { op: 'COPY', from: 'deps', link: true, sources: [VENV], dest: VENV },
        ...project.staged,
        { op: 'WORKDIR', path: APP_DIR },
        ...copyInstructions(config.copyFiles),
        ...addInstructions(config.addFiles),
        ...project.sources,
        {
            op: 'ENV',
            pairs: [
                {
                    key: 'PATH',
                    value: [
                        { kind: 'text', text: `${VENV}/bin:` },
                        { kind: 'arg', name: 'PATH' },
                    ],
                },
                { key: 'VIRTUAL_ENV', value: text(VENV) },
                { key: 'PYTHONUNBUFFERED', value: text('1') },
                { key: 'PYTHONDONTWRITEBYTECODE', value: text('1') },
                ...config.env.map((e) => ({ key: e.key, value: e.template })),
            ],
        },
        ...(labels.length > 0 ? [{ op: 'LABEL', pairs: labels }] : []),
        { op: 'USER', user: `${NONROOT_UID}:${NONROOT_UID}` },
        ...(entrypoint !== undefined ? [{ op: 'ENTRYPOINT', args: entrypoint }] : []),
        ...(config.command !== undefined
            ? [{ op: 'CMD', args: config.command }]
            : entrypoint !== undefined
                ? [{ op: 'CMD', args: [] }]
                : []),
    ];
    const needs = [
        ...access.secrets.map((s) => `--secret id=${s.id}`),
        ...(ssh ? [`--secret id=${KNOWN_HOSTS_SECRET} (known_hosts)`, '--ssh default'] : []),
    ];
    const header = [
        `Generated by microb from ${pyprojectName}, target "${config.name}". Do not edit: change the pyproject.`,
        ...(needs.length > 0 ? [`Build with: ${needs.join(' ')}`] : []),
    ];
    return {
        dockerfile: {
            header,
            ...(options.syntax !== undefined && { syntax: options.syntax }),
            stages: [builder, deps, project.stage, final].map((instructions) => ({ instructions })),
        },
        secrets: access.secrets,
        ssh,
        ...(ssh && { knownHostsSecretId: KNOWN_HOSTS_SECRET }),
        labels,
        dependencies: dependencyList(target),
        buildArgsUsed,
        // only the mounts some RUN uses: a cache exporter carries exactly these
        cacheMounts: [
            PIP_CACHE,
            ...(config.buildDeps.length > 0 || config.systemDeps.length > 0 || ssh
                ? packageCacheMounts(flavor)
                : []),
        ],
        builderImage,
        finalImage,
    };
}
function normalizeDir(dir) {
    const trimmed = dir.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^\.\//, '');
    return trimmed === '' ? '.' : trimmed;
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/core/compile.js






/** pyproject snapshot → Dockerfile text and what the build needs. Pure: no I/O. */
function compile(snapshot, options = {}) {
    const project = loadProject(snapshot);
    const target = chooseTarget(project, options.target);
    const resolved = resolveTarget(project, snapshot, target);
    const plan = planBuild(resolved, options, basename(snapshot.pyprojectPath));
    const buildArgs = options.buildArgs ?? {};
    return {
        target,
        targets: targetNames(project),
        dockerfile: renderDockerfile(plan.dockerfile),
        dockerignore: snapshot.files.get('.dockerignore') == null ? DEFAULT_DOCKERIGNORE : null,
        plan: {
            target,
            flavor: resolved.config.flavor,
            pythonVersion: resolved.pythonVersion,
            builderImage: plan.builderImage,
            finalImage: plan.finalImage,
            secrets: plan.secrets,
            ssh: plan.ssh,
            ...(plan.knownHostsSecretId !== undefined && { knownHostsSecretId: plan.knownHostsSecretId }),
            labels: Object.fromEntries(plan.labels.map((l) => [l.key, resolveTemplate(l.value, buildArgs)])),
            dependencies: plan.dependencies,
            buildArgsUsed: plan.buildArgsUsed,
            cacheMounts: plan.cacheMounts,
            projectInstall: resolved.install.kind === 'copy'
                ? { kind: 'copy', sources: resolved.install.roots.map((r) => r.source) }
                : { kind: 'build', reason: resolved.install.reason },
        },
    };
}
/** Target names in file order; validates only the document's shape, not each target. */
function listTargets(snapshot) {
    return targetNames(loadProject(snapshot));
}
/**
 * Files (relative to the pyproject's directory) the compiler may need to see, so a shell can
 * read them into the snapshot before compiling. Tolerates broken TOML: compile reports that.
 */
function referencedFiles(pyprojectText) {
    const files = ['.python-version', '.dockerignore'];
    try {
        const doc = parse(pyprojectText);
        for (const table of Object.values(doc.tool?.microb?.target ?? {})) {
            const requirements = table?.requirements;
            if (typeof requirements === 'string' && !files.includes(requirements))
                files.push(requirements);
        }
    }
    catch {
        // the syntax error is reported by compile()
    }
    return files;
}
function basename(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
/** One line for a build log: how the project's code gets in, and what a source change costs. */
function describeProjectInstall(plan) {
    const p = plan.projectInstall;
    return p.kind === 'copy'
        ? `project code: ${p.sources.join(', ')} copied as it is (a source change runs no RUN step)`
        : `project code: built by its backend on every source change (${p.reason})`;
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/core/index.js



;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/project/snapshot.js



/** The error for a pyproject that can't be read: the shells print it without a stack trace. */
class ProjectReadError extends Error {
    name = 'ProjectReadError';
}
/** Read a pyproject and the files beside it that its configuration refers to. */
async function readProjectSnapshot(pyprojectPath) {
    let pyprojectText;
    try {
        pyprojectText = await (0,promises_namespaceObject.readFile)(pyprojectPath, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error);
        throw new ProjectReadError(`${pyprojectPath}: error: cannot read the pyproject (${why})\n  hint: pass the path with --file (default: ./pyproject.toml)`);
    }
    const dir = external_node_path_namespaceObject.dirname(pyprojectPath);
    const files = new Map();
    for (const relative of referencedFiles(pyprojectText)) {
        files.set(relative, await readOptional(external_node_path_namespaceObject.join(dir, relative)));
    }
    const layout = new Map([...(await listEntries(dir, '')), ...(await listEntries(dir, 'src'))]);
    return { pyprojectPath, pyprojectText, files, layout };
}
/** The entries of `dir/sub` (not hidden ones) as `sub/name` → kind; none if it is not a directory. */
async function listEntries(dir, sub) {
    let entries;
    try {
        entries = await (0,promises_namespaceObject.readdir)(external_node_path_namespaceObject.join(dir, sub), { withFileTypes: true });
    }
    catch {
        return [];
    }
    const out = [];
    for (const entry of entries.filter((e) => !e.name.startsWith('.'))) {
        const relative = sub === '' ? entry.name : `${sub}/${entry.name}`;
        let kind = 'other';
        if (entry.isFile())
            kind = 'file';
        else if (entry.isDirectory())
            kind = (await isFile(external_node_path_namespaceObject.join(dir, relative, '__init__.py'))) ? 'package' : 'dir';
        out.push([relative, kind]);
    }
    return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
async function isFile(file) {
    try {
        return (await (0,promises_namespaceObject.stat)(file)).isFile();
    }
    catch {
        return false;
    }
}
async function readOptional(file) {
    try {
        return await (0,promises_namespaceObject.readFile)(file, 'utf8');
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/cli/args.js

/** A command line the CLI can't take: exit code 2 and the usage text. */
class UsageError extends Error {
    name = 'UsageError';
}
const USAGE = `usage: microb <command> [options]

commands:
  dockerfile  print the generated Dockerfile
  targets     print the target names as a JSON array, in file order
  check       validate every target
  build       generate the Dockerfile and run docker buildx build

options:
  -f, --file PATH          the pyproject (default: ./pyproject.toml)
  -t, --target NAME        the target (default: "default", else the first one)
      --build-arg K=V      a build arg (repeatable)
      --syntax IMAGE       add a "# syntax=IMAGE" line (default: none)
build only:
      --tag T              image tag (repeatable)
      --secret SPEC        id=ID,env=VAR or id=ID,src=FILE (repeatable)
      --ssh SPEC           e.g. default (repeatable)
      --platform P         e.g. linux/arm64 (repeatable or comma-separated)
      --context DIR        build context (default: the pyproject's directory)
      --network MODE       RUN network mode, e.g. host
      --load | --push      load into the local image store / push to the registry
`;
const COMMANDS = ['dockerfile', 'targets', 'check', 'build', 'help'];
const BUILD_ONLY = ['tag', 'secret', 'ssh', 'platform', 'context', 'network', 'load', 'push'];
function parseCli(argv) {
    let parsed;
    try {
        parsed = (0,external_node_util_namespaceObject.parseArgs)({
            args: [...argv],
            allowPositionals: true,
            strict: true,
            options: {
                file: { type: 'string', short: 'f' },
                target: { type: 'string', short: 't' },
                'build-arg': { type: 'string', multiple: true },
                syntax: { type: 'string' },
                tag: { type: 'string', multiple: true },
                secret: { type: 'string', multiple: true },
                ssh: { type: 'string', multiple: true },
                platform: { type: 'string', multiple: true },
                context: { type: 'string' },
                network: { type: 'string' },
                load: { type: 'boolean' },
                push: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' },
            },
        });
    }
    catch (error) {
        // node's message goes on about positionals after `--`; its first sentence is the point
        throw new UsageError((error.message.split('. ')[0] ?? '').replace(/\.$/, ''));
    }
    const { values, positionals } = parsed;
    if (values.help)
        return { ...defaults(), command: 'help' };
    const [command, ...rest] = positionals;
    if (command === undefined)
        throw new UsageError('missing command');
    if (!COMMANDS.includes(command))
        throw new UsageError(`unknown command "${command}"`);
    if (rest.length > 0)
        throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (command !== 'build') {
        const misplaced = BUILD_ONLY.find((name) => values[name] !== undefined);
        if (misplaced)
            throw new UsageError(`--${misplaced} only applies to "microb build"`);
    }
    if (command === 'targets' || command === 'check') {
        if (values.target !== undefined)
            throw new UsageError(`--target does not apply to "microb ${command}"`);
    }
    if (values.load && values.push)
        throw new UsageError('--load and --push are exclusive');
    const buildArgs = {};
    for (const pair of values['build-arg'] ?? []) {
        const eq = pair.indexOf('=');
        if (eq <= 0)
            throw new UsageError(`--build-arg expects KEY=VALUE, got "${pair}"`);
        buildArgs[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return {
        command: command,
        file: values.file ?? 'pyproject.toml',
        ...(values.target !== undefined && { target: values.target }),
        buildArgs,
        ...(values.syntax !== undefined && { syntax: values.syntax }),
        tags: values.tag ?? [],
        secrets: values.secret ?? [],
        ssh: values.ssh ?? [],
        platforms: (values.platform ?? [])
            .flatMap((p) => p.split(','))
            .map((p) => p.trim())
            .filter(Boolean),
        ...(values.context !== undefined && { context: values.context }),
        ...(values.network !== undefined && { network: values.network }),
        load: values.load ?? false,
        push: values.push ?? false,
    };
}
function defaults() {
    return {
        file: 'pyproject.toml',
        buildArgs: {},
        tags: [],
        secrets: [],
        ssh: [],
        platforms: [],
        load: false,
        push: false,
    };
}

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/buildx/argv.js
function formatSecretSource(s) {
    return 'env' in s ? `id=${s.id},env=${s.env}` : `id=${s.id},src=${s.src}`;
}
/**
 * `["buildx", "build", …, context]` for `docker`. `--progress=plain` keeps the log readable
 * in CI and lets run.ts find the failing step; no `--pull`, which an air-gapped runner can't do.
 */
function buildxBuildArgv(req, compiled) {
    const { plan } = compiled;
    const argv = ['buildx', 'build', '--file', req.dockerfile, '--progress=plain'];
    argv.push('--metadata-file', req.metadataFile);
    if (req.iidFile)
        argv.push('--iidfile', req.iidFile);
    if (req.builder)
        argv.push('--builder', req.builder);
    if (req.platforms.length > 0)
        argv.push('--platform', req.platforms.join(','));
    for (const tag of req.tags)
        argv.push('--tag', tag);
    for (const [k, v] of Object.entries(req.labels))
        argv.push('--label', `${k}=${v}`);
    for (const [k, v] of Object.entries(req.buildArgs))
        argv.push('--build-arg', `${k}=${v}`);
    for (const s of req.secrets)
        argv.push('--secret', formatSecretSource(s));
    const ssh = [...req.ssh];
    if (plan.ssh && !ssh.some((s) => s === 'default' || s.startsWith('default=')))
        ssh.push('default');
    for (const s of ssh)
        argv.push('--ssh', s);
    if (req.network)
        argv.push(`--network=${req.network}`);
    if (req.provenance)
        argv.push(`--provenance=${req.provenance}`);
    if (req.sbom)
        argv.push(`--sbom=${req.sbom}`);
    for (const c of req.cacheFrom ?? [])
        argv.push('--cache-from', c);
    for (const c of req.cacheTo ?? [])
        argv.push('--cache-to', c);
    for (const o of req.outputs ?? [])
        argv.push('--output', o);
    if (req.push)
        argv.push('--push');
    if (req.load)
        argv.push('--load');
    argv.push(req.context);
    return argv;
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/buildx/platforms.js
/**
 * Platform names as users write them (`arm64/v8`, `i386`, `linux/arm/v7`) → the canonical
 * `os/arch[/variant]` form BuildKit reports, plus what the host can run without QEMU.
 */
/** Short architecture spellings users write, mapped to BuildKit's arch/variant. */
const ARCH_ALIASES = {
    i386: { arch: '386' },
    i686: { arch: '386' },
    x86: { arch: '386' },
    '386': { arch: '386' },
    x86_64: { arch: 'amd64' },
    'x86-64': { arch: 'amd64' },
    amd64: { arch: 'amd64' },
    aarch64: { arch: 'arm64' },
    arm64: { arch: 'arm64' },
    armhf: { arch: 'arm', variant: 'v7' },
    armel: { arch: 'arm', variant: 'v6' },
    arm: { arch: 'arm', variant: 'v7' },
    ppc64le: { arch: 'ppc64le' },
    s390x: { arch: 's390x' },
    riscv64: { arch: 'riscv64' },
    mips64le: { arch: 'mips64le' },
    mips64: { arch: 'mips64' },
};
const KNOWN_VARIANTS = {
    arm: ['v5', 'v6', 'v7'],
    arm64: ['v8'],
    amd64: ['v1', 'v2', 'v3', 'v4'],
};
class PlatformError extends Error {
    name = 'PlatformError';
}
/**
 * Parses one platform: `linux/arm64`, `arm64`, `arm64/v8`, `i386`, `linux/arm/v7`, `arm/v6`.
 * `arm64/v8` and `amd64/v1` drop the variant (it is the default, and BuildKit omits it).
 */
function parsePlatform(text) {
    const parts = text.trim().toLowerCase().split('/');
    if (parts.some((p) => p === ''))
        throw new PlatformError(`invalid platform "${text}"`);
    // `linux/...` is explicit; anything else starts with the architecture
    const os = parts[0] === 'linux' ? 'linux' : undefined;
    const rest = os ? parts.slice(1) : parts;
    if (rest.length === 0 || rest.length > 2) {
        throw new PlatformError(`invalid platform "${text}": expected [linux/]ARCH[/VARIANT]`);
    }
    if (!os && ['windows', 'darwin', 'freebsd'].includes(parts[0] ?? '')) {
        throw new PlatformError(`unsupported platform "${text}": only linux images can be built`);
    }
    const alias = ARCH_ALIASES[rest[0] ?? ''];
    if (!alias) {
        throw new PlatformError(`unknown architecture in platform "${text}"; use one of linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/386, linux/ppc64le, linux/s390x, linux/riscv64`);
    }
    let variant = rest[1] ?? alias.variant;
    if (variant !== undefined) {
        const allowed = KNOWN_VARIANTS[alias.arch];
        if (!allowed?.includes(variant)) {
            throw new PlatformError(`unknown variant "${variant}" for architecture ${alias.arch} in "${text}"`);
        }
        // the default variants are implied, and BuildKit reports the platform without them
        if ((alias.arch === 'arm64' && variant === 'v8') || (alias.arch === 'amd64' && variant === 'v1')) {
            variant = undefined;
        }
    }
    return variant === undefined
        ? { os: 'linux', arch: alias.arch }
        : { os: 'linux', arch: alias.arch, variant };
}
function formatPlatform(p) {
    return p.variant ? `${p.os}/${p.arch}/${p.variant}` : `${p.os}/${p.arch}`;
}
/** Canonical, de-duplicated platform strings in the order given. */
function normalizePlatforms(texts) {
    const seen = new Set();
    for (const t of texts)
        seen.add(formatPlatform(parsePlatform(t)));
    return [...seen];
}
/** Node's `process.arch` → Docker's architecture name. */
function dockerArch(nodeArch) {
    switch (nodeArch) {
        case 'x64':
            return 'amd64';
        case 'ia32':
            return '386';
        case 'arm64':
            return 'arm64';
        case 'arm':
            return 'arm';
        default:
            return nodeArch; // ppc64, s390x, riscv64 keep their names
    }
}
/**
 * True when a host of `hostArch` runs `platform` binaries without emulation: its own arch,
 * and 32-bit x86 on amd64 (the kernel's IA-32 compatibility handles it).
 */
function runsNatively(platform, hostArch) {
    if (platform.arch === hostArch)
        return true;
    return hostArch === 'amd64' && platform.arch === '386';
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/buildx/progress.js
/**
 * Reads buildx's `--progress=plain` log to say *which* step failed and what it printed last,
 * instead of just "exit code 1". The format: every line of step N starts with `#N `; the
 * first one names the step (`#9 [builder 4/6] RUN pip install …`), output lines carry a
 * timestamp (`#9 0.812 text`), and a failed step ends with `#9 ERROR: …`. buildx's own
 * verdict is a final line starting with `ERROR:`.
 */
const STEP_LINE = /^#(\d+) (.*)$/;
const TIMESTAMPED = /^\d+\.\d+ (.*)$/;
class ProgressLog {
    keepLines;
    steps = new Map();
    tail = [];
    finalErrors = [];
    failedStep;
    constructor(keepLines = 20) {
        this.keepLines = keepLines;
    }
    add(line) {
        this.tail.push(line);
        if (this.tail.length > this.keepLines)
            this.tail.shift();
        const m = STEP_LINE.exec(line);
        if (!m) {
            if (line.startsWith('ERROR:') || line.startsWith('error:'))
                this.finalErrors.push(line);
            return;
        }
        const [, id = '', text = ''] = m;
        const step = this.steps.get(id);
        if (!step) {
            this.steps.set(id, { name: text, lines: [] });
            return;
        }
        if (text.startsWith('ERROR: ') || text === 'ERROR') {
            step.error = text;
            this.failedStep ??= step;
            return;
        }
        const out = TIMESTAMPED.exec(text);
        if (!out)
            return; // DONE / CACHED / transfer progress: not the step's own output
        step.lines.push(out[1] ?? '');
        if (step.lines.length > this.keepLines)
            step.lines.shift();
    }
    /** What went wrong, from what was seen so far. */
    failure() {
        const finalError = this.finalErrors.at(-1);
        const step = this.failedStep;
        if (step) {
            return {
                step: step.name,
                lastLines: [...step.lines],
                error: finalError ?? step.error ?? 'ERROR',
            };
        }
        return { lastLines: [...this.tail], error: finalError ?? this.tail.at(-1) ?? 'no output' };
    }
}
/** The failure as a multi-line message for `::error::` and the CLI's stderr. */
function formatFailure(f, exitCode) {
    const head = f.step
        ? `docker buildx build failed at step ${f.step}`
        : `docker buildx build failed (exit code ${exitCode})`;
    const lines = f.step ? f.lastLines : f.lastLines.filter((l) => l !== f.error && l.trim() !== '').slice(-10);
    const body = lines.length > 0
        ? [f.step ? 'Last lines of the step:' : 'Last lines:', ...lines.map((l) => `  ${l}`)]
        : [];
    return [head, ...body, f.error].join('\n');
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/buildx/process.js
/**
 * The one way the buildx and ssh shells run a child process: argv (never a shell string),
 * optional stdin, an optional extra environment, and a timeout so a wedged daemon or agent
 * can't hang the job. Output is captured, or streamed line by line when `onLine` is given.
 */

const runProcess = (file, args, opts = {}) => new Promise((resolve) => {
    const child = (0,external_node_child_process_namespaceObject.spawn)(file, [...args], {
        cwd: opts.cwd,
        env: opts.env ? { ...process.env, ...opts.env } : process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    let timedOut = false;
    let spawnError;
    let timer;
    let killTimer;
    if (opts.timeoutMs) {
        timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
            killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        }, opts.timeoutMs);
    }
    const lineSplitter = (stream, sink) => {
        let partial = '';
        return {
            data(text) {
                sink.push(text);
                if (!opts.onLine)
                    return;
                const lines = (partial + text).split('\n');
                partial = lines.pop() ?? '';
                for (const line of lines)
                    opts.onLine(line.replace(/\r$/, ''), stream);
            },
            /** A last line without a trailing newline. */
            flush() {
                if (opts.onLine && partial !== '')
                    opts.onLine(partial.replace(/\r$/, ''), stream);
                partial = '';
            },
        };
    };
    const outLines = lineSplitter('stdout', out);
    const errLines = lineSplitter('stderr', err);
    // decode as text per stream so a UTF-8 character split across chunks stays whole
    child.stdout.setEncoding('utf8').on('data', (c) => outLines.data(c));
    child.stderr.setEncoding('utf8').on('data', (c) => errLines.data(c));
    child.on('error', (e) => {
        spawnError = e;
    });
    // EPIPE when the child exits without reading stdin is not our failure
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
    child.on('close', (code) => {
        clearTimeout(timer);
        clearTimeout(killTimer);
        outLines.flush();
        errLines.flush();
        resolve({
            exitCode: code ?? -1,
            stdout: out.join(''),
            stderr: err.join(''),
            timedOut,
            ...(spawnError ? { spawnError } : {}),
        });
    });
});

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/buildx/run.js
/**
 * Runs `docker buildx build` (argv from argv.ts), streams its log line by line to the caller,
 * and returns what it built (metadata, digest, image id) or which step failed and why.
 */



async function run_readOptional(file) {
    if (!file)
        return undefined;
    try {
        return (await (0,promises_namespaceObject.readFile)(file, 'utf8')).trim();
    }
    catch {
        return undefined;
    }
}
async function runBuildx(opts) {
    const run = opts.run ?? runProcess;
    const log = new ProgressLog();
    const started = Date.now();
    const r = await run('docker', opts.argv, {
        env: opts.env,
        ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
        onLine: (line) => {
            log.add(line);
            opts.onLine(line);
        },
    });
    const durationMs = Date.now() - started;
    if (r.exitCode !== 0) {
        let failure = log.failure();
        if (r.spawnError?.code === 'ENOENT') {
            failure = {
                lastLines: [],
                error: 'the docker CLI was not found on PATH; install Docker on the runner',
            };
        }
        else if (r.timedOut) {
            failure = { ...failure, error: `timed out after ${Math.round((opts.timeoutMs ?? 0) / 1000)} s` };
        }
        return {
            ok: false,
            exitCode: r.exitCode,
            failure,
            message: formatFailure(failure, r.exitCode),
            durationMs,
        };
    }
    const metadataJson = (await run_readOptional(opts.metadataFile)) ?? '{}';
    let metadata = {};
    try {
        const parsed = JSON.parse(metadataJson);
        if (parsed && typeof parsed === 'object')
            metadata = parsed;
    }
    catch {
        // an unreadable metadata file loses the outputs, not the build
    }
    const digest = metadata['containerimage.digest'];
    const imageId = await run_readOptional(opts.iidFile);
    return {
        ok: true,
        metadata,
        metadataJson,
        ...(typeof digest === 'string' ? { digest } : {}),
        ...(imageId ? { imageId } : {}),
        durationMs,
    };
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/buildx/secrets.js
/** Env var holding the n-th secret value; numbered so any secret id is safe to use. */
const secretEnvName = (n) => `MICROB_SECRET_${n}`;
function assembleBuildSecrets(input) {
    const sources = [];
    const env = {};
    const byId = new Set();
    const addValue = (id, value) => {
        const name = secretEnvName(Object.keys(env).length);
        env[name] = value;
        sources.push({ id, env: name });
        byId.add(id);
    };
    for (const ref of input.references ?? []) {
        if (byId.has(ref.id))
            continue;
        sources.push(ref);
        byId.add(ref.id);
    }
    for (const v of input.values)
        if (!byId.has(v.id))
            addValue(v.id, v.value);
    const missing = [];
    for (const req of input.plan.secrets) {
        if (byId.has(req.id))
            continue;
        if (req.source.kind === 'inline')
            addValue(req.id, req.source.value);
        else
            missing.push(req);
    }
    const khId = input.plan.knownHostsSecretId;
    // known_hosts is public data, mounted as a secret only because that is how BuildKit mounts files
    if (input.plan.ssh && khId && !byId.has(khId))
        addValue(khId, input.knownHosts);
    const needed = new Set(input.plan.secrets.map((s) => s.id));
    if (khId)
        needed.add(khId);
    const unused = [...(input.references ?? []).map((r) => r.id), ...input.values.map((v) => v.id)].filter((id) => !needed.has(id));
    return { sources, env, missing, unused: [...new Set(unused)] };
}
/** One line per missing secret: its id, what the pyproject uses it for, and how to pass it. */
function describeMissingSecret(req, how) {
    const pass = how === 'action'
        ? `add a line \`${req.id}=\${{ secrets.YOUR_SECRET }}\` to the \`secrets\` input`
        : `pass --secret id=${req.id},env=VARIABLE (or src=FILE)`;
    return `The build needs secret "${req.id}" (${req.purpose}), which was not given: ${pass}.`;
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/project/generate.js




/** Generated files live in the workspace (`.microb/`) so build checks and PR diffs can see them. */
const OUTPUT_DIR = '.microb';
async function writeGeneratedDockerfile(args) {
    const snapshot = await readProjectSnapshot(args.pyprojectPath);
    const projectDirAbs = external_node_path_namespaceObject.resolve(external_node_path_namespaceObject.dirname(args.pyprojectPath));
    const contextAbs = external_node_path_namespaceObject.resolve(args.context ?? projectDirAbs);
    const projectDir = external_node_path_namespaceObject.relative(contextAbs, projectDirAbs).split(external_node_path_namespaceObject.sep).join('/') || '.';
    const result = compile(snapshot, { ...args.options, projectDir });
    const outDir = external_node_path_namespaceObject.join(projectDirAbs, OUTPUT_DIR);
    await (0,promises_namespaceObject.mkdir)(outDir, { recursive: true });
    const dockerfilePath = external_node_path_namespaceObject.join(outDir, `${result.target}.Dockerfile`);
    await (0,promises_namespaceObject.writeFile)(dockerfilePath, result.dockerfile);
    let dockerignorePath = null;
    if (result.dockerignore !== null) {
        dockerignorePath = `${dockerfilePath}.dockerignore`;
        await (0,promises_namespaceObject.writeFile)(dockerignorePath, result.dockerignore);
    }
    return { snapshot, result, dockerfilePath, dockerignorePath };
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/ssh/githubKnownHosts.js
/**
 * GitHub's published SSH host keys, mounted as known_hosts for git+ssh dependencies when the
 * `ssh-known-hosts` input is empty — so host keys are checked without ever turning
 * StrictHostKeyChecking off.
 *
 * Source: https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/githubs-ssh-key-fingerprints
 * (also the `ssh_keys` of https://api.github.com/meta). Checked with `ssh-keygen -lf` against
 * the fingerprints published there:
 *   SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU (Ed25519)
 *   SHA256:p2QAMXNIC1TJYWeIOttrVc98/R1BUFWu3/LiyKgUfQM (ECDSA)
 *   SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s (RSA, rotated 2023-03-24)
 * If GitHub rotates a key, update this list (a unit test pins the fingerprints).
 */
const GITHUB_KNOWN_HOSTS = [
    'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
    'github.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=',
    'github.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCj7ndNxQowgcQnjshcLrqPEiiphnt+VTTvDP6mHBL9j1aNUkY4Ue1gvwnGLVlOhGeYrnZaMgRK6+PKCUXaDbC7qtbW8gIkhL7aGCsOr/C56SJMy/BCZfxd1nWzAOxSDPgVsmerOBYfNqltV9/hWCqBywINIR+5dIg6JTJ72pcEpEjcYgXkE2YEFXV1JHnsKgbLWNlhScqb2UmyRkQyytRLtL+38TGxkxCflmO+5Z8CSSNY7GidjMIZ7Q4zMjA2n1nGrlTDkzwDCsw+wqFPGQA179cnfGWOWRVruj16z6XyvxvjJwbz0wQZ75XK5tKSb7FNyeIEs4TT4jk+S4dhPeAUC5y+bDYirYgM4GC7uEnztnZyaVWQ7B381AK4Qdrwt51ZqExKbQpTUNn+EjqoTwvqNj4kqx5QUCI0ThS/YkOxJCXmPUWZbhjpCg56i+2aB6CmK2JGhn57K5mj0MNdBXA4/WnwH6XoPWJzK5Nyu2zB3nAZp+S5hpQs+p1vN1/wsjk=',
]
    .map((l) => `${l}\n`)
    .join('');
/** The known_hosts text for the build: the caller's, else GitHub's. */
function knownHostsForBuild(input) {
    const given = input.replace(/\r\n?/g, '\n').trim();
    return given ? `${given}\n` : GITHUB_KNOWN_HOSTS;
}
/**
 * Hosts of `git+ssh://` requirements other than github.com: with the default known_hosts their
 * host key check fails, so the caller should be told to set ssh-known-hosts.
 */
function sshHostsBeyondGitHub(dependencies) {
    const hosts = new Set();
    for (const dep of dependencies) {
        for (const m of dep.matchAll(/git\+ssh:\/\/(?:[^@/\s]+@)?(\[[^\]]+\]|[^/:\s]+)/g)) {
            if (m[1] && m[1] !== 'github.com')
                hosts.add(m[1]);
        }
    }
    return [...hosts];
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/cli/build.js
/**
 * `microb build`: generate the Dockerfile and run `docker buildx build` with the same argv
 * and runner as the action (buildx/argv.ts, buildx/run.ts). The log goes to stderr; stdout
 * gets one line, the image digest (or id), so scripts can capture it.
 */










/** A `--secret` spec the CLI can't use: exit code 2, like other usage errors. */
class SecretSpecError extends Error {
    name = 'SecretSpecError';
}
/** `id=ID,env=VAR` / `id=ID,src=FILE` (also buildx's `source=`) → a typed source. */
function parseSecretSpec(spec) {
    const fields = new Map();
    for (const part of spec.split(',')) {
        const eq = part.indexOf('=');
        if (eq <= 0)
            throw new SecretSpecError(`--secret "${spec}": expected id=ID,env=VAR or id=ID,src=FILE`);
        fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const id = fields.get('id');
    const env = fields.get('env');
    const src = fields.get('src') ?? fields.get('source');
    if (!id || (env === undefined) === (src === undefined)) {
        throw new SecretSpecError(`--secret "${spec}": give id= and exactly one of env= or src=`);
    }
    if (env !== undefined)
        return { id, env };
    return { id, src: external_node_path_namespaceObject.resolve(src ?? '') };
}
async function runBuildCommand(opts, io) {
    let platforms;
    let references;
    try {
        platforms = normalizePlatforms(opts.platforms);
        references = opts.secrets.map(parseSecretSpec);
    }
    catch (e) {
        if (!(e instanceof PlatformError || e instanceof SecretSpecError))
            throw e;
        io.stderr.write(`microb: ${e.message}\n`);
        return 2;
    }
    const { result, dockerfilePath } = await writeGeneratedDockerfile({
        pyprojectPath: opts.file,
        options: opts.target ? { target: opts.target } : {},
        ...(opts.context ? { context: opts.context } : {}),
    });
    io.stderr.write(`microb: target ${result.target}: wrote ${dockerfilePath}\n`);
    io.stderr.write(`microb: ${describeProjectInstall(result.plan)}\n`);
    const plan = result.plan;
    const secrets = assembleBuildSecrets({ plan, values: [], references, knownHosts: GITHUB_KNOWN_HOSTS });
    if (secrets.missing.length > 0) {
        for (const req of secrets.missing)
            io.stderr.write(`${opts.file}: error: ${describeMissingSecret(req, 'cli')}\n`);
        return 1;
    }
    if (plan.ssh && plan.knownHostsSecretId && !references.some((r) => r.id === plan.knownHostsSecretId)) {
        io.stderr.write(`microb: checking ssh hosts against GitHub's host keys; for another host pass --secret id=${plan.knownHostsSecretId},src=KNOWN_HOSTS_FILE\n`);
    }
    if (plan.ssh && opts.ssh.length === 0 && !process.env.SSH_AUTH_SOCK) {
        io.stderr.write(`${opts.file}: error: target ${result.target} installs a dependency over ssh; start ssh-agent, ssh-add a key and pass --ssh default\n`);
        return 1;
    }
    const tempDir = await (0,promises_namespaceObject.mkdtemp)(external_node_path_namespaceObject.join(external_node_os_namespaceObject.tmpdir(), 'microb-build-'));
    try {
        const metadataFile = external_node_path_namespaceObject.join(tempDir, 'metadata.json');
        const iidFile = external_node_path_namespaceObject.join(tempDir, 'iid.txt');
        const argv = buildxBuildArgv({
            dockerfile: dockerfilePath,
            context: external_node_path_namespaceObject.resolve(opts.context ?? external_node_path_namespaceObject.dirname(opts.file)),
            platforms,
            tags: opts.tags,
            labels: {},
            buildArgs: opts.buildArgs,
            secrets: secrets.sources,
            ssh: opts.ssh,
            push: opts.push,
            load: opts.load,
            ...(opts.network ? { network: opts.network } : {}),
            metadataFile,
            iidFile,
        }, result);
        io.stderr.write(`microb: docker ${argv.join(' ')}\n`);
        const outcome = await runBuildx({
            argv,
            env: secrets.env,
            metadataFile,
            iidFile,
            onLine: (line) => io.stderr.write(`${line}\n`),
        });
        if (!outcome.ok) {
            io.stderr.write(`microb: error: ${outcome.message}\n`);
            return 1;
        }
        io.stdout.write(`${outcome.digest ?? outcome.imageId ?? ''}\n`);
        return 0;
    }
    finally {
        await (0,promises_namespaceObject.rm)(tempDir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./node_modules/.cache/microb-package/src/cli/run.js




/** Exit codes: 0 success, 1 invalid configuration (or a failed build), 2 usage error. */
async function runCli(argv, io) {
    let options;
    try {
        options = parseCli(argv);
    }
    catch (error) {
        if (!(error instanceof UsageError))
            throw error;
        io.stderr.write(`microb: ${error.message}\n\n${USAGE}`);
        return 2;
    }
    try {
        return await dispatch(options, io);
    }
    catch (error) {
        if (error instanceof ConfigError) {
            io.stderr.write(`${error.format()}\n`);
            return 1;
        }
        if (error instanceof ProjectReadError) {
            io.stderr.write(`${error.message}\n`);
            return 1;
        }
        // an unexpected failure still gets one line, not a stack trace
        io.stderr.write(`microb: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
    }
}
async function dispatch(options, io) {
    switch (options.command) {
        case 'help':
            io.stdout.write(USAGE);
            return 0;
        case 'targets': {
            const snapshot = await readProjectSnapshot(options.file);
            io.stdout.write(`${JSON.stringify(listTargets(snapshot))}\n`);
            return 0;
        }
        case 'check': {
            const snapshot = await readProjectSnapshot(options.file);
            const targets = listTargets(snapshot);
            // report every broken target, not just the first
            const errors = targets.flatMap((target) => {
                try {
                    compile(snapshot, { target });
                    return [];
                }
                catch (error) {
                    if (error instanceof ConfigError)
                        return [error];
                    throw error;
                }
            });
            if (errors.length > 0) {
                for (const error of errors)
                    io.stderr.write(`${error.format()}\n`);
                return 1;
            }
            io.stdout.write(`${options.file}: ${targets.length} target${targets.length === 1 ? '' : 's'} OK (${targets.join(', ')})\n`);
            return 0;
        }
        case 'dockerfile': {
            const snapshot = await readProjectSnapshot(options.file);
            const result = compile(snapshot, {
                ...(options.target !== undefined && { target: options.target }),
                buildArgs: options.buildArgs,
                ...(options.syntax !== undefined && { syntax: options.syntax }),
            });
            io.stdout.write(result.dockerfile);
            return 0;
        }
        case 'build':
            return runBuildCommand({
                file: options.file,
                ...(options.target !== undefined && { target: options.target }),
                tags: options.tags,
                buildArgs: options.buildArgs,
                secrets: options.secrets,
                ssh: options.ssh,
                platforms: options.platforms,
                load: options.load,
                push: options.push,
                ...(options.network !== undefined && { network: options.network }),
                ...(options.context !== undefined && { context: options.context }),
            }, io);
    }
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(158);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
