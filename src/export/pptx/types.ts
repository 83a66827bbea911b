/** What the page reports about one slide, in CSS pixels of the deck (origin: the slide's top left). */

/** A rectangle on the slide. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A colour as 6 hex digits plus opacity (0 transparent, 1 opaque). */
export interface Paint {
  hex: string;
  alpha: number;
}

/** A stretch of text with one style. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  color?: Paint;
  font?: string;
  /** Font size in px. */
  size?: number;
  link?: string;
  /** Background of inline code. */
  highlight?: Paint;
  /** Raised (a citation marker, <sup>, a math superscript); `size` is the size the browser shows it at. */
  sup?: boolean;
  /** Lowered (a math subscript). */
  sub?: boolean;
  /** A line break after this run. */
  br?: boolean;
}

/** A paragraph (or list item) of runs. */
export interface Para {
  runs: Run[];
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Line height in px. */
  lineHeight?: number;
  /** Space above in px (list items after the first). */
  before?: number;
  /** List nesting from 0, when a list item. */
  level?: number;
  bullet?: 'bullet' | 'number';
  /** Number of the first item of a numbered list. */
  start?: number;
  /** Distance from the list's left edge to the item text, px. */
  indent?: number;
  /** The list marker's colour (the theme's accent). */
  bulletColor?: Paint;
}

/** Editable text: a heading, paragraph, list, caption or source line. */
export interface TextItem {
  type: 'text';
  box: Box;
  paras: Para[];
  valign?: 'top' | 'middle' | 'bottom';
  fill?: Paint;
  /** Inner padding in px: top, right, bottom, left. */
  pad?: [number, number, number, number];
  radius?: number;
  /** Code: monospace lines that never wrap. */
  mono?: boolean;
}

/** One table cell. */
export interface Cell {
  runs: Run[];
  fill?: Paint;
  align?: 'left' | 'center' | 'right';
  border?: { bottom?: Paint & { width: number } };
  pad: [number, number, number, number];
  colspan?: number;
  rowspan?: number;
}

/** A native table. */
export interface TableItem {
  type: 'table';
  box: Box;
  rows: Cell[][];
  colW: number[];
  rowH: number[];
}

/** A filled rectangle (background, border, rule) or a line. */
export interface ShapeItem {
  type: 'rect' | 'ellipse' | 'line';
  box: Box;
  fill?: Paint;
  stroke?: Paint & { width: number; dash?: boolean };
  radius?: number;
  /** line: from the box's top left to its bottom right, unless flipped (bottom left to top right). */
  flipV?: boolean;
}

/** A raster image as the page loaded it. */
export interface ImageItem {
  type: 'image';
  box: Box;
  /** data: URL of the image file. */
  data: string;
  alt: string;
  /** `object-fit: cover` (a background image): the file's size, so PowerPoint crops it as the page did. */
  cover?: { w: number; h: number };
}

/** An element with no native equivalent (diagram, formula, video): captured as a PNG of just that element. */
export interface PictureItem {
  type: 'picture';
  box: Box;
  /** Marks the element for the capture: `[data-pptx-shot="<shot>"]`. */
  shot: string;
  alt: string;
}

/** A chart: the figure's data and where the browser drew its SVG. */
export interface ChartItem {
  type: 'chart';
  box: Box;
  /** The figure's `data-chart` attribute (base64 JSON). */
  data: string;
  /** Marks the SVG for scanChart: `[data-pptx-shot="<shot>"]`. */
  shot: string;
}

/** Colours of the chart as the theme resolved them on this slide. */
export interface ChartTheme {
  series: string[];
  text: string;
  muted: string;
  axis: string;
  grid: string;
  font: string;
  /** Tick label size, px. */
  tick: number;
}

/** Anything placed on a slide, in paint order. */
export type Item = TextItem | TableItem | ShapeItem | ImageItem | PictureItem | ChartItem;

/** One slide as scanned. */
export interface SlideScan {
  background?: Paint;
  /** data: URL of a background image. */
  backgroundImage?: string;
  items: Item[];
}
