/**
 * The most arrows a laid-out diagram (flowchart, state, class, ER) may have. Layout time grows faster than
 * the arrows and runs inside the build and the dev server, which waits for it (beautiful-mermaid 1.1.3 on
 * the shared 2-core machine, densely connected: 60 arrows 0.6-2.0 s, 100 arrows 2-5 s, 300 arrows 17-47 s;
 * 606 took 31 s and 871 never finished). No slide shows 60 arrows legibly. Counted in the source, so the
 * cap holds whatever renders the diagram.
 */
export const MAX_ARROWS = 60;

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
    for (let i = 1; i < ends.length; i++) arrows += ends[i - 1]!.split('&').length * ends[i]!.split('&').length;
  }
  if (arrows <= MAX_ARROWS) return undefined;
  return `the diagram has about ${arrows} arrows; at most ${MAX_ARROWS} are laid out (layout time grows quickly: 100 take seconds, 600 took 31 s)`;
}
