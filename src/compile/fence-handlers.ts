import { renderDiagram } from './diagram.ts';

/** What a fence handler may ask of the slide being rendered. */
export interface FenceContext {
  /** Renders a ```chart fence body; `index` counts chart fences in the slide from 0. */
  chart(source: string, index: number): string;
  /** Deck-unique prefix for ids in generated SVG (diagrams). */
  idPrefix?: string;
}

/** A fenced block that is not code: the first word of its info string names it (```chart, ```mermaid). */
export interface FenceHandler {
  name: string;
  /** Renders the fence body; `index` counts this handler's fences in the slide from 0. Errors are thrown as for code. */
  render(source: string, index: number, ctx: FenceContext): string;
}

/**
 * The fence handlers, first match wins; any other fence is highlighted code. A new kind of block is a new
 * file and one entry here.
 */
export const FENCE_HANDLERS: readonly FenceHandler[] = [
  // The slide renders charts: it knows the chart's line, the deck's colours and its citations.
  { name: 'chart', render: (source, index, ctx) => ctx.chart(source, index) },
  { name: 'mermaid', render: (source, index, ctx) => renderDiagram(source, `${ctx.idPrefix ?? 'n'}-m${index}`) },
];

/** Whether a fence's info string names the handler `name` (its first word, exactly). */
export const fenceIs = (info: string, name: string): boolean => info === name || (info.startsWith(name) && /\s/.test(info[name.length]!));

/** The handler for a fence's info string, if it is not plain code. */
export const fenceHandler = (info: string): FenceHandler | undefined => FENCE_HANDLERS.find((h) => fenceIs(info, h.name));
