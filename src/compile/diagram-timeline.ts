import { escapeHtml } from './html.ts';
import { SyntaxAtText } from './syntax-error.ts';

/**
 * Mermaid's `timeline`, which beautiful-mermaid does not draw: periods evenly along a line, each with its
 * events below. Syntax: `title …`, `section …` (a group label over its periods), `period : event : event`,
 * and `: event` lines continuing the period above. Colours are the theme's `--diagram-*` variables.
 */

interface Period {
  label: string;
  events: string[];
  section: string;
}

const WIDTH = 1600;
const FONT = 28;

/** Parses the diagram's lines (header first) into periods; an unreadable line is a located error. */
function parse(lines: string[]): { title?: string; periods: Period[] } {
  let title: string | undefined;
  let section = '';
  const periods: Period[] = [];
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('%%')) continue;
    const keyword = /^(title|section)\s+(.+)$/.exec(line);
    if (keyword) {
      if (keyword[1] === 'title') title = keyword[2]!.trim();
      else section = keyword[2]!.trim();
      continue;
    }
    const parts = line.split(':').map((p) => p.trim());
    if (line.startsWith(':')) {
      const last = periods[periods.length - 1];
      if (!last)
        throw new SyntaxAtText(
          line,
          'Mermaid syntax error: an event line `: …` needs a period above it',
          'write `2024 : first event` before `: another event`',
          'diagram-error',
        );
      last.events.push(...parts.slice(1).filter(Boolean));
      continue;
    }
    if (parts[0] === '') throw new SyntaxAtText(line, 'Mermaid syntax error: cannot read this line', 'write `period : event : event`', 'diagram-error');
    periods.push({ label: parts[0]!, events: parts.slice(1).filter(Boolean), section });
  }
  if (periods.length === 0)
    throw new SyntaxAtText(lines[0]!.trim(), 'Mermaid syntax error: the timeline has no periods', 'write one `period : event` per line', 'diagram-error');
  return { title, periods };
}

/** Splits text into lines of at most `max` characters, at spaces. */
function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** The timeline as an SVG string (ids prefixed by the caller's `withIds`), plus its title and description. */
export function renderTimeline(lines: string[]): { svg: string; title?: string; desc: string } {
  const { title, periods } = parse(lines);
  const step = WIDTH / periods.length;
  const chars = Math.max(8, Math.floor(step / (FONT * 0.55)));
  const axis = 150;
  const parts: string[] = [];
  let bottom = axis + 40;
  periods.forEach((p, i) => {
    const x = step * (i + 0.5);
    if (p.section && p.section !== periods[i - 1]?.section) {
      parts.push(
        `<text x="${x.toFixed(1)}" y="${40}" font-size="${FONT - 4}" text-anchor="middle" fill="var(--diagram-muted)">${escapeHtml(p.section)}</text>`,
      );
    }
    parts.push(
      `<text x="${x.toFixed(1)}" y="${axis - 30}" font-size="${FONT + 4}" font-weight="600" text-anchor="middle" fill="var(--diagram-fg)">${escapeHtml(p.label)}</text>`,
    );
    parts.push(`<circle cx="${x.toFixed(1)}" cy="${axis}" r="10" fill="var(--diagram-accent)" stroke="var(--diagram-bg)" stroke-width="4"/>`);
    let y = axis + 60;
    for (const event of p.events) {
      for (const text of wrap(event, chars)) {
        parts.push(`<text x="${x.toFixed(1)}" y="${y}" font-size="${FONT}" text-anchor="middle" fill="var(--diagram-fg)">${escapeHtml(text)}</text>`);
        y += FONT * 1.3;
      }
      y += FONT * 0.5;
    }
    bottom = Math.max(bottom, y);
  });
  const height = Math.ceil(bottom);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="Inter, system-ui, sans-serif">` +
    `<line x1="0" y1="${axis}" x2="${WIDTH}" y2="${axis}" stroke="var(--diagram-line)" stroke-width="3"/>${parts.join('')}</svg>`;
  const desc = `${periods.map((p) => `${p.label}: ${p.events.join('; ') || 'no events'}`).join('. ')}.`;
  return { svg, title, desc };
}
