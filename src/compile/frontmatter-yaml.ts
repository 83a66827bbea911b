import type { Document, Pair } from 'yaml';
import type { LNode } from '../charts/types.ts';
import { DeckError } from './errors.ts';
import { yamlLib } from './lazy-libs.ts';
import { fastYaml } from './yaml-tree.ts';

/** Front matter read as YAML: the settings as plain data, and each top-level key with its line in the file. */
export interface Settings {
  data: Record<string, unknown>;
  keys: { key: string; line: number }[];
}

/** Most aliases (`*name`) front matter may expand; a "billion laughs" bomb needs far more. */
export const MAX_ALIASES = 100;

/**
 * Reads the YAML between the `---` lines (which starts on line 2 of the file); null when it holds nothing.
 * Invalid YAML, a document that is not a map and alias bombs are located DeckErrors. js-yaml reads it
 * (compile/yaml-tree.ts); what that reading declines, errors included, is read by `yaml` as it always was.
 */
export function readSettings(yamlText: string, file: string): Settings | null {
  const tree = fastYaml(yamlText, 1);
  if (tree === undefined) return slowSettings(yamlText, file);
  if (tree === null) return null;
  if (tree.type !== 'map') throw notMap(file);
  return { data: plain(tree) as Record<string, unknown>, keys: tree.entries.map((e) => ({ key: e.key, line: e.keyLine })) };
}

// What yaml's toJS gives for the documents yaml-tree.ts reads: no aliases, and keys that are text, numbers or booleans.
function plain(node: LNode): unknown {
  if (node.type === 'scalar') return node.value;
  if (node.type === 'list') return node.items.map(plain);
  const out: Record<string, unknown> = {};
  for (const e of node.entries) out[e.key] = plain(e.value);
  return out;
}

function notMap(file: string): DeckError {
  return new DeckError({
    file,
    line: 2,
    code: 'front-matter-not-map',
    message: 'front matter must be a list of `key: value` settings',
    hint: 'e.g. `title: My talk`',
  });
}

function slowSettings(yamlText: string, file: string): Settings | null {
  const yaml = yamlLib();
  const counter = new yaml.LineCounter();
  const doc = yaml.parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  // LineCounter lines are 1-based within the YAML, which starts below the opening `---`.
  const lineAt = (offset: number | undefined) => 1 + counter.linePos(offset ?? 0).line;
  const firstError = doc.errors[0];
  if (firstError) {
    throw new DeckError({
      file,
      line: lineAt(firstError.pos[0]),
      code: 'front-matter-yaml',
      message: `front matter is not valid YAML: ${firstError.message.split('\n')[0]}`,
      hint: 'write one `key: value` per line; quote values that contain `: ` or start with a special character',
    });
  }
  if (doc.contents === null) return null;
  if (!yaml.isMap(doc.contents)) throw notMap(file);
  const data = settingsOf(doc, file, lineAt);
  const keys = (doc.contents.items as Pair[]).map((pair) => ({
    key: yaml.isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
    line: lineAt((pair.key as { range?: [number] } | null)?.range?.[0]),
  }));
  return { data, keys };
}

/** The settings as plain data; an alias bomb or a dangling alias (which yaml throws on) is a located error. */
function settingsOf(doc: Document, file: string, lineAt: (offset: number | undefined) => number): Record<string, unknown> {
  const { isAlias, visit } = yamlLib();
  const anchors = new Set<string>();
  let first: number | undefined;
  let dangling: number | undefined;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        first ??= lineAt(node.range?.[0]);
        if (!anchors.has(node.source)) {
          dangling = lineAt(node.range?.[0]);
          return visit.BREAK;
        }
      } else if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  const hint = 'write the values out instead of repeating them with &anchor and *alias';
  if (dangling !== undefined)
    throw new DeckError({ file, line: dangling, code: 'yaml-alias', message: 'front matter has a YAML alias (*name) that names no anchor before it', hint });
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES }) as Record<string, unknown>;
  } catch {
    throw new DeckError({ file, line: first ?? 2, code: 'yaml-aliases', message: `front matter expands more than ${MAX_ALIASES} YAML aliases (*name)`, hint });
  }
}
