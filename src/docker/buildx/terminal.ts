/**
 * buildx's live TTY view for the CLI on a terminal, without handing buildx the terminal.
 *
 * buildx draws its view only on a console, and a RUN step's output reaches that view byte for
 * byte: a project printing `ESC ] 0 ; … BEL` (window title), `ESC ] 52` (clipboard), `ESC [ 2 J`
 * or `ESC c` would drive the user's terminal. So buildx runs on a pseudo-terminal of its own
 * (util-linux `script`), and what it draws passes a filter that keeps the few sequences the view
 * is made of (cursor up/down/column, erase line, colours, cursor show/hide) and drops every other
 * escape sequence, string (OSC, DCS, APC, PM, SOS) and control character.
 * A project's output can still move the cursor or colour text inside the view; nothing else.
 */
import { runProcess } from '../../process/runner.js';

type State = 'text' | 'esc' | 'escIntermediate' | 'csi' | 'string' | 'stringEsc';

/** Longest CSI parameter string kept; buildx's are a few characters. */
const MAX_CSI_PARAMS = 16;

function allowedCsi(params: string, final: string): boolean {
  if ('ABCDGK'.includes(final)) return /^\d*$/.test(params);
  if (final === 'm') return /^[\d;]*$/.test(params);
  if (final === 'h' || final === 'l') return params === '?25';
  return false;
}

/** A streaming filter: feed it chunks in order, it returns what is safe to write to a terminal. */
export class TerminalFilter {
  private state: State = 'text';
  private params = '';
  /** The CSI is dropped whatever its final byte (too long, or an 8-bit CSI). */
  private dropCsi = false;

  write(chunk: string): string {
    let out = '';
    for (const ch of chunk) {
      const code = ch.codePointAt(0) ?? 0;
      if (ch === '\n' && this.state !== 'text') {
        // a sequence never spans lines here: an unterminated OSC must not swallow the view
        this.state = 'text';
        out += ch;
        continue;
      }
      if (this.state === 'stringEsc') {
        // ESC \ ends the string; ESC and anything else starts a new sequence, as in xterm
        this.state = ch === '\\' ? 'text' : 'esc';
        if (ch === '\\') continue;
      }
      switch (this.state) {
        case 'text':
          if (ch === '\x1b') this.state = 'esc';
          else if (ch === '\u009b') {
            this.state = 'csi';
            this.params = '';
            this.dropCsi = true;
          } else if ('\u0090\u0098\u009d\u009e\u009f'.includes(ch)) this.state = 'string';
          else if (ch === '\n' || ch === '\r' || ch === '\t' || ch === '\b') out += ch;
          else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
            // other C0 (BEL…), DEL and C1 controls (an 8-bit CSI or OSC): dropped
          } else out += ch;
          break;
        case 'esc':
          if (ch === '[') {
            this.state = 'csi';
            this.params = '';
            this.dropCsi = false;
          } else if (']PX^_'.includes(ch)) this.state = 'string';
          else if (code >= 0x20 && code <= 0x2f) this.state = 'escIntermediate';
          else this.state = 'text'; // a two-character sequence (ESC c resets the terminal): dropped
          break;
        case 'escIntermediate':
          if (code < 0x20 || code > 0x2f) this.state = 'text';
          break;
        case 'csi':
          if (code >= 0x20 && code <= 0x3f) {
            this.params += ch;
            if (this.params.length > MAX_CSI_PARAMS) this.dropCsi = true;
          } else {
            const keep = !this.dropCsi && code >= 0x40 && code <= 0x7e && allowedCsi(this.params, ch);
            if (keep) out += `\x1b[${this.params}${ch}`;
            this.state = 'text';
          }
          break;
        case 'string':
          if (ch === '\x07' || ch === '\u009c') this.state = 'text';
          else if (ch === '\x1b') this.state = 'stringEsc';
          break;
      }
    }
    return out;
  }
}

/**
 * The util-linux `script` that gives buildx a pseudo-terminal (`-c`, `-e`, `-f`), or undefined:
 * BSD/macOS `script` takes other options, and without one the CLI prints the plain log.
 */
export async function findPtyRunner(): Promise<string | undefined> {
  const r = await runProcess('script', ['--version'], { timeoutMs: 5_000 });
  return r.exitCode === 0 && /util-linux/.test(r.stdout + r.stderr) ? 'script' : undefined;
}
