/**
 * List inputs the way docker/build-push-action and docker/metadata-action read them (their
 * `Util.getList` over csv-parse): every line is a CSV record, so an item may be quoted to hold a
 * comma or even a newline (`"MY_SECRET=line1\nline2"`), and a `"` inside an unquoted field is just a
 * character. Written here rather than depending on csv-parse: the subset those actions use is small.
 * Pure, linear in the input.
 */

export class ListInputError extends Error {
  override readonly name = 'ListInputError';
}

export interface ListOptions {
  /**
   * Keep a record's commas: `type=registry,ref=x` stays one item (cache-to, outputs, secrets…).
   * Without it every field is an item (`a,b` → `a`, `b`), as for tags and platforms.
   */
  readonly ignoreComma?: boolean;
  /** false: `"` is an ordinary character (build-push-action's `outputs`). Default true. */
  readonly quote?: boolean;
  /** false: keep the items' surrounding whitespace (multi-line secret values). Default true. */
  readonly trimWhitespace?: boolean;
}

/**
 * CSV records of `text`: fields separated by `,`, records by newlines; a field that starts with
 * `"` runs to the next `"` not doubled (`""` is a quote) and may span lines. Empty lines are skipped.
 */
export function parseCsvRecords(text: string, quote = true): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let fieldStart = true;
  const endRecord = () => {
    record.push(field);
    // a blank line is no record (csv-parse's skipEmptyLines)
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
    field = '';
    fieldStart = true;
  };
  while (i < n) {
    const c = text[i] as string;
    if (quote && fieldStart && c === '"') {
      // quoted field: up to a closing quote that is followed by a delimiter, a line end or the end
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const d = text[j] as string;
        if (d === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          const next = text[j + 1];
          if (next === undefined || next === ',' || next === '\n' || next === '\r') {
            closed = true;
            j += 1;
            break;
          }
          value += d; // relaxQuotes: a stray quote inside is kept
          j += 1;
          continue;
        }
        value += d;
        j += 1;
      }
      if (!closed) {
        // csv-parse fails here too ("Quote Not Closed"); guessing would hide a typo
        throw new ListInputError(
          `a quoted item (starting with ") is not closed; double a quote inside one ("") or drop it`,
        );
      }
      field += value;
      i = j;
      fieldStart = false;
      continue;
    }
    if (c === ',') {
      record.push(field);
      field = '';
      fieldStart = true;
      i += 1;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') {
      i += 1;
      continue;
    }
    if (c === '\n') {
      endRecord();
      i += 1;
      continue;
    }
    field += c;
    fieldStart = false;
    i += 1;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** The items of a list input (build-push-action's `Util.getList`). */
export function parseListInput(text: string, opts: ListOptions = {}): string[] {
  if (text === '') return [];
  const out: string[] = [];
  for (const record of parseCsvRecords(text, opts.quote !== false)) {
    if (record.length === 1) {
      const only = record[0] as string;
      if (opts.ignoreComma) out.push(only);
      else for (const item of only.split(',')) out.push(item);
    } else if (!opts.ignoreComma) {
      // a loop, not push(...record): a spread of a huge record overflows the stack
      for (const item of record) out.push(item);
    } else out.push(record.join(','));
  }
  return out.filter((s) => s !== '').map((s) => (opts.trimWhitespace === false ? s : s.trim()));
}

/**
 * One `key=value,key=value` record (a tag rule, a flavor line, a cache spec) as ordered pairs; a
 * field without `=` has key ''. Keys are lower-cased and trimmed, values trimmed.
 */
export function parseAttributes(record: string): { key: string; value: string }[] {
  const fields = parseCsvRecords(record)[0] ?? [];
  return fields.map((f) => {
    const eq = f.indexOf('=');
    return eq < 0
      ? { key: '', value: f.trim() }
      : { key: f.slice(0, eq).trim().toLowerCase(), value: f.slice(eq + 1).trim() };
  });
}
