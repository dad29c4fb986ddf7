import { describe, expect, it } from 'vitest';

import { TerminalFilter } from '../../../src/docker/buildx/terminal.js';

const ESC = '\x1b';

describe('TerminalFilter (what reaches the terminal from buildx’s TTY view)', () => {
  it('keeps the sequences buildx draws its view with', () => {
    const frame =
      `${ESC}[1A${ESC}[1B${ESC}[0G${ESC}[?25l[+] Building 0.3s (10/14)   docker:default\r\n` +
      `${ESC}[34m => CACHED [builder 2/5] RUN rm -f   0.0s\r\n${ESC}[0m${ESC}[?25h${ESC}[2K`;
    expect(new TerminalFilter().write(frame)).toBe(frame);
  });

  it("drops a RUN step's title, clipboard, clear-screen, reset and bell, keeping its text", () => {
    const step =
      `0.103 A${ESC}]0;PWNED\x07B ${ESC}[2JC ${ESC}]52;c;ZXZpbA==${ESC}\\D${ESC}cE\x07F` +
      `${ESC}(BG${ESC}P1$r${ESC}\\H\u009b2JI\u009d0;x\x07J`;
    expect(new TerminalFilter().write(step)).toBe('0.103 AB C DEFGHIJ');
  });

  it('keeps its state across chunks: a sequence split between two writes', () => {
    const f = new TerminalFilter();
    expect(f.write(`ok ${ESC}]0;ti`)).toBe('ok ');
    expect(f.write(`tle\x07 done ${ESC}[`)).toBe(' done ');
    expect(f.write('34mblue')).toBe(`${ESC}[34mblue`);
  });

  it('ends an unterminated string at the end of its line, and at a new ESC', () => {
    const f = new TerminalFilter();
    expect(f.write(`INJ${ESC}]0;PWNED \n`)).toBe('INJ\n');
    expect(f.write(`after\n${ESC}]0;x${ESC}[34mblue`)).toBe(`after\n${ESC}[34mblue`);
  });

  it('drops an over-long or unknown CSI', () => {
    expect(new TerminalFilter().write(`a${ESC}[${'1;'.repeat(20)}mb${ESC}[6nc${ESC}[?1049hd`)).toBe(
      'a1;1;mbcd'.replace('1;1;m', ''),
    );
  });
});
