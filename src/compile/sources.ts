import type { Pair } from 'yaml';
import { DeckError, closest, type DeckIssue } from './errors.ts';
import { yamlLib } from './lazy-libs.ts';
import { fastYaml } from './yaml-tree.ts';

/** One entry of sources.yaml. */
export interface Source {
  key: string;
  title: string;
  publisher: string;
  /** YYYY-MM-DD, YYYY-MM, YYYY, or `n.d.` for an undated page. */
  date: string;
  url?: string;
  note?: string;
  /** Where it is defined, for "never cited" warnings. */
  file: string;
  line: number;
}

const FIELDS = ['title', 'publisher', 'date', 'url', 'note'];

/** A top-level entry of sources.yaml as read, before it is checked: `fields` is null when it is not a map. */
interface Entry {
  key: string;
  line: number;
  /** `value` is undefined when the field is a list or a map. */
  fields: { name: string; line: number; value: unknown }[] | null;
}

/**
 * The entries of sources.yaml; invalid YAML or a document that is not a map is a located DeckError. js-yaml
 * reads it (compile/yaml-tree.ts); what that reading declines, errors included, is read by `yaml` as before.
 */
function readEntries(text: string, file: string): Entry[] {
  const tree = fastYaml(text);
  if (tree === undefined) return slowEntries(text, file);
  if (tree === null) return [];
  if (tree.type !== 'map') throw notMap(file);
  return tree.entries.map(({ key, keyLine, value }) => ({
    key,
    line: keyLine,
    fields:
      value.type === 'map' ? value.entries.map((f) => ({ name: f.key, line: f.keyLine, value: f.value.type === 'scalar' ? f.value.value : undefined })) : null,
  }));
}

function slowEntries(text: string, file: string): Entry[] {
  const { LineCounter, parseDocument, isMap, isScalar } = yamlLib();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const lineAt = (node: unknown) => counter.linePos((node as { range?: number[] } | null)?.range?.[0] ?? 0).line;
  const error = doc.errors[0];
  if (error)
    throw new DeckError({
      file,
      line: counter.linePos(error.pos[0]).line,
      code: 'sources-yaml',
      message: `not valid YAML: ${error.message.split('\n')[0]}`,
      hint: 'each source is `key:` followed by indented `title:`, `publisher:`, `date:` lines',
    });
  if (doc.contents === null) return [];
  if (!isMap(doc.contents)) throw notMap(file);
  return (doc.contents.items as Pair[]).map((pair) => ({
    key: String(isScalar(pair.key) ? pair.key.value : pair.key),
    line: lineAt(pair.key),
    fields: isMap(pair.value)
      ? (pair.value.items as Pair[]).map((field) => ({
          name: String(isScalar(field.key) ? field.key.value : field.key),
          line: lineAt(field.key),
          value: isScalar(field.value) ? field.value.value : undefined,
        }))
      : null,
  }));
}

function notMap(file: string): DeckError {
  return new DeckError({
    file,
    line: 1,
    code: 'sources-not-map',
    message: 'sources must be a map of keys to sources',
    hint: 'e.g. `reuters-2025-02-25:` then indented `title:`, `publisher:`, `date:`',
  });
}

/** Parses and validates sources.yaml: `key: {title, publisher, date, url?, note?}`. */
export function parseSources(text: string, file: string): Map<string, Source> {
  const sources = new Map<string, Source>();
  for (const { key, line, fields } of readEntries(text, file)) {
    if (!fields)
      throw new DeckError({
        file,
        line,
        code: 'bad-source',
        message: `source \`${key}\` must have \`title\`, \`publisher\` and \`date\``,
        hint: 'indent them below the key',
      });
    const entry: Record<string, string> = {};
    const lines: Record<string, number> = {};
    for (const { name, line: fieldLine, value } of fields) {
      if (!FIELDS.includes(name)) {
        const near = closest(name, FIELDS);
        throw new DeckError({
          file,
          line: fieldLine,
          code: 'bad-source',
          message: `source \`${key}\` has an unknown field \`${name}\``,
          hint: near ? `did you mean \`${near}\`?` : `fields: ${FIELDS.join(', ')}`,
        });
      }
      if (value === undefined || value === null || typeof value === 'object')
        throw new DeckError({
          file,
          line: fieldLine,
          code: 'bad-source',
          message: `source \`${key}\`: \`${name}\` must be text`,
          hint: 'quote it if it contains `: `',
        });
      lines[name] = fieldLine;
      entry[name] = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    }
    for (const required of ['title', 'publisher', 'date']) {
      if (!entry[required])
        throw new DeckError({
          file,
          line,
          code: 'bad-source',
          message: `source \`${key}\` has no \`${required}\``,
          hint: `add \`${required}:\` below the key`,
        });
    }
    if (!/^(\d{4}(-\d{2}(-\d{2})?)?|n\.d\.)$/.test(entry.date!))
      throw new DeckError({
        file,
        line: lines.date ?? line,
        code: 'bad-source',
        message: `source \`${key}\`: date \`${entry.date}\` is not YYYY-MM-DD`,
        hint: 'e.g. `date: 2025-08-14`, `2025-08`, or `n.d.` when the page has no date',
      });
    if (entry.url !== undefined && !isSafeUrl(entry.url))
      throw new DeckError({
        file,
        line: lines.url ?? line,
        code: 'unsafe-url',
        message: `source \`${key}\`: url \`${entry.url.slice(0, 80)}\` is not an http(s) or mailto link`,
        hint: 'write the full address, e.g. `url: https://example.com/report`',
      });
    sources.set(key, { key, title: entry.title!, publisher: entry.publisher!, date: entry.date!, url: entry.url, note: entry.note, file, line });
  }
  return sources;
}

/** Whether a URL may become a link in the deck or its PDF: http(s) and mailto only, never `javascript:` or `data:`. */
export function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url.trim());
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-08-14` as `14 Aug 2025` (partial dates stay partial). */
export function formatDate(date: string): string {
  if (date === 'n.d.') return 'n.d.';
  const [y, m, d] = date.split('-');
  return [d ? String(Number(d)) : '', m ? MONTHS[Number(m) - 1] : '', y].filter(Boolean).join(' ');
}

/** The short label a slide shows: `Financial Times, 14 Aug 2025`. */
export const shortLabel = (s: Source) => `${s.publisher}, ${formatDate(s.date)}`;

/** Deck-wide citation registry: numbers sources in order of first citation. */
export class Citations {
  readonly order: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** `broken`: the sources file has errors (reported once); unknown keys are then not reported again. */
  constructor(
    readonly sources: Map<string, Source>,
    readonly sourcesFile: string,
    readonly broken = false,
  ) {}

  /** Registers a citation and returns its 1-based number (0: unknown, with a broken sources file); unknown keys are located errors. */
  cite(key: string, file: string, line: number): number {
    if (!this.sources.has(key) && this.broken) return 0;
    if (!this.sources.has(key)) {
      const keys = [...this.sources.keys()];
      const near = keys.find((k) => k.startsWith(key)) ?? closest(key, keys);
      throw new DeckError({
        file,
        line,
        code: 'unknown-source',
        message: `unknown source \`${key}\``,
        hint: near ? `did you mean \`${near}\`?` : `add \`${key}:\` with title, publisher and date to ${this.sourcesFile}`,
      });
    }
    // A map, not order.indexOf: thousands of sources cited thousands of times were quadratic.
    const known = this.numbers.get(key);
    if (known !== undefined) return known;
    this.order.push(key);
    this.numbers.set(key, this.order.length);
    return this.order.length;
  }

  /** Warnings for sources that no slide cites. */
  uncited(): DeckIssue[] {
    if (this.broken) return [];
    return [...this.sources.values()]
      .filter((s) => !this.numbers.has(s.key))
      .map((s) => ({
        file: s.file,
        line: s.line,
        severity: 'warning' as const,
        code: 'uncited-source',
        message: `source \`${s.key}\` is never cited`,
        hint: `cite it with [@${s.key}] or remove it`,
      }));
  }
}
