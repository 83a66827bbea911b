/**
 * The most arrows a laid-out diagram (flowchart, state, class, ER) may have. Layout time grows faster than
 * the arrows (beautiful-mermaid 1.1.3, measured: 100 arrows 1.7–3.7 s, 200 about 12 s, 606 took 31 s and 871
 * never finished), and it runs inside the build and the dev server. No slide shows 100 arrows legibly.
 * Counted in the source, so the cap holds whatever renders the diagram.
 */
export const MAX_ARROWS = 100;

const LAID_OUT = /^(graph|flowchart|stateDiagram(-v2)?|classDiagram|erDiagram)\b/;
// A link operator of any of these kinds: `-->`, `---`, `-.->`, `==>`, `--o`, `<|--`, `*--`, `..>`, `||--o{`.
// `A -- text --> B` counts twice: the cap is approximate by design, and errs towards refusing sooner.
const ARROW = /[<>|o*x}{]*(?:-{2,}|={2,}|-\.+-|\.{2,})[<>|o*x}{]*/g;

/** Why the diagram is too large to lay out (its lines, header first), or undefined. */
export function diagramSizeProblem(lines: readonly string[]): string | undefined {
  if (!LAID_OUT.test(lines[0]?.trim() ?? '')) return undefined;
  let arrows = 0;
  for (const line of lines.slice(1)) {
    // Labels may hold dashes, dots and ampersands of their own: `A[Loading...]`, `B("a -- b")`.
    const text = line.trim().replace(/"[^"]*"|\[[^\]]*\]|\([^)]*\)|\{[^}]*\}/g, 'X');
    if (text === '' || text.startsWith('%%')) continue;
    // `a & b --> c & d` is four arrows.
    const ends = text.split(ARROW);
    for (let i = 1; i < ends.length; i++) arrows += (ends[i - 1]!.split('&').length) * (ends[i]!.split('&').length);
  }
  if (arrows <= MAX_ARROWS) return undefined;
  return `the diagram has about ${arrows} arrows; at most ${MAX_ARROWS} are laid out (the layout time grows quickly: 600 took 31 s)`;
}
