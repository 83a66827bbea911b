/** The chart kinds a ```chart fence may name, in the order the docs list them. */
export const CHART_KINDS = ['line', 'column', 'bar', 'stacked', 'scatter', 'timeline', 'dumbbell'] as const;

/** One of CHART_KINDS. */
export type ChartKind = (typeof CHART_KINDS)[number];

/** A value as it arrives from CSV, JSON or inline YAML; null means missing. */
export type Cell = string | number | boolean | null;

/** A place in an input file; `line` is 1-based, 0 for the whole file. */
export interface Where {
  file: string;
  line: number;
}

/** A mistake in the author's chart, located; the compile layer turns it into a DeckError. */
export class ChartError extends Error {
  readonly where: Where;
  readonly hint: string | undefined;
  /** The issue code; every chart mistake is `chart` unless a tool needs to tell one apart. */
  readonly code: string;
  constructor(where: Where, message: string, hint?: string, code = 'chart') {
    super(message);
    this.name = 'ChartError';
    this.where = where;
    this.hint = hint;
    this.code = code;
  }
}

/**
 * A parsed YAML or JSON value that remembers its line. Charts never see the `yaml`
 * package: the compile layer converts its documents into this shape.
 */
export type LNode = LScalar | LMap | LList;
/** A scalar with its line. */
export interface LScalar {
  type: 'scalar';
  value: Cell;
  line: number;
}
/** A mapping whose keys keep their own lines. */
export interface LMap {
  type: 'map';
  entries: LEntry[];
  line: number;
}
/** A sequence. */
export interface LList {
  type: 'list';
  items: LNode[];
  line: number;
}
/** One `key: value` pair of an LMap. */
export interface LEntry {
  key: string;
  keyLine: number;
  value: LNode;
}

/** One data record; `where` points at its CSV line, JSON object or YAML list item. */
export interface Row {
  /** 1-based position among the data rows, as messages name it. */
  index: number;
  where: Where;
  cells: Map<string, Cell>;
  /** Line of each cell when it differs from `where.line` (JSON and inline YAML). */
  cellLines: Map<string, number>;
}

/** The rows of a chart plus where they came from. */
export interface Dataset {
  rows: Row[];
  /** Column names in first-seen order. */
  columns: string[];
  /** How messages name the data: "the data in slides/x.csv" or "the inline data". */
  origin: string;
}

/** A field name the author wrote, with the line to blame if it is wrong. */
export interface Field {
  name: string;
  line: number;
}

/** An `annotate` item: a mark at x (and y, else on the first series) with a label. */
export interface Annotation {
  x: Cell;
  y: number | undefined;
  label: string;
  line: number;
}

/**
 * A reference line at x = value or y = value. `value` is a number, or a date as written (YYYY[-MM[-DD]])
 * on a time axis; each kind checks it against its own axes. On category charts `y` is the value axis.
 */
export interface Rule {
  axis: 'x' | 'y';
  value: number | string;
  label: string;
  line: number;
}

/** Names the author wrote under a key (highlight, estimate), with the key's line. */
export interface NameList {
  names: string[];
  line: number;
}

/** A scatter shaded region; a missing bound runs to the edge of the plot. */
export interface Region {
  x0: number | undefined;
  x1: number | undefined;
  y0: number | undefined;
  y1: number | undefined;
  label: string;
  line: number;
}

/** A validated ```chart spec. Each field is one YAML key of the same name unless noted. */
export interface ChartSpec {
  /** line | column | bar | stacked | scatter | timeline | dumbbell. */
  kind: ChartKind;
  /** Required: the accessible name (SVG <title>, table caption); the slide shows its own heading. */
  title: string;
  /** Markdown file and fence line, for errors about the chart as a whole (not a key). */
  where: Where;
  /** Field for the x axis; categories for column, bar and stacked. */
  x: Field | undefined;
  /** One field or a list of fields, one series each (scatter: exactly one; dumbbell: `from` and `to`). */
  y: Field[];
  /** From `series: {field: "Display name"}`; parallel to `y`, defaults to the field names. */
  names: string[];
  /** timeline: the field holding each event's date. */
  date: Field | undefined;
  /** scatter: field naming each point; timeline: field with the event text. */
  label: Field | undefined;
  /** Extra, timeline: field that sorts events into tracks, each with its own colour. */
  group: Field | undefined;
  /** d3-format string for values (labels, table, description); ticks drop its precision. */
  format: string | undefined;
  /** Extra: format of x values: d3-time-format for dates (e.g. "%b %Y"), d3-format for numbers. */
  xFormat: string | undefined;
  /** What y values measure, shown above the value axis ("USD trillions"). */
  unit: string | undefined;
  /** Extra: what x measures, shown under the x axis (scatter; line with a number x). */
  xUnit: string | undefined;
  /** Extra, line only: `time` or `number` overrides the guess made from the first x value. */
  xType: 'time' | 'number' | undefined;
  /** Extra, scatter: `linear` (default) or `log`. */
  xScale: 'linear' | 'log';
  /** Extra, scatter and line: `linear` (default) or `log`. */
  yScale: 'linear' | 'log';
  /** Extra, scatter: `[min, max]` for x instead of the data's nice extent. */
  xDomain: [number, number] | undefined;
  /** Extra: `[min, max]` for y; by default column, bar, stacked and line start at zero. */
  yDomain: [number, number] | undefined;
  /** `annotate: [{x, y?, label}]` marks (line, column, stacked, scatter). */
  annotate: Annotation[];
  /** `rules: [{x | y, label}]` reference lines (every kind). */
  rules: Rule[];
  /** scatter: `regions: [{x0?, x1?, y0?, y1?, label}]` shaded areas. */
  regions: Region[];
  /** bar: `sort: true` orders bars by the first series, largest on top. */
  sort: boolean;
  /**
   * Extra: `values: true|false` prints each value on its column/bar (default true for
   * column and bar, which then drop the value axis) or the total on each stack (default false).
   */
  values: boolean | undefined;
  /** `fragments: true` reveals series (line, column, stacked) or marks (bar, scatter, timeline) one step at a time. */
  fragments: boolean;
  /** viewBox height (width is 1600); timeline grows it when its labels need more room. */
  height: number | undefined;
  /** Text under the chart. */
  caption: string | undefined;
  /** `highlight`: the series, categories, point labels or x values drawn in the accent; the rest go grey. */
  highlight: NameList | undefined;
  /** `estimate: [labels]`: marks drawn outlined; an `estimate` data column does the same per row. */
  estimate: NameList | undefined;
  /** timeline: `today: YYYY-MM-DD` draws a dated "now" line. */
  today: { date: string; line: number } | undefined;
  /** timeline: field with `done` or `planned` per event (default: a column named `status`). */
  status: Field | undefined;
  /** Front matter `colors:`: a series or category of that name takes that colour (set by the compile layer). */
  colors: ReadonlyMap<string, string>;
  /** `source`: one sources.yaml key or a list of keys, each cited. */
  sources: Field[];
}
