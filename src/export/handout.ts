/** The words around the slides on a handout sheet. */
export interface HandoutArgs {
  /** Deck title, top left of every sheet. */
  title: string;
  /** Bottom left: author and date. */
  byline: string;
  /** Bottom right: subtitle or description. */
  about: string;
  /** Each slide's number and the deck's total as the screen counts them (uncounted slides left out). */
  counts: [n: number, total: number][];
}

/**
 * Runs in the page after {@link layoutPrintPages} (with notes): regroups each slide page and its notes page
 * into one A4 sheet: a small header, the slide scaled into a frame (CSS zoom, so text stays text and
 * charts stay vectors), its notes in reading type, a footer. Notes too long for the sheet shrink down to 8 pt.
 * Returns the number of sheets and the slides whose notes are still cut off at 8 pt.
 * Must be self-contained: Playwright sends its source text to the page.
 */
export function layoutHandout({ title, byline, about, counts }: HandoutArgs): { sheets: number; cutNotes: number[] } {
  const container = document.querySelector<HTMLElement>('.reveal .slides')!;
  const children = Array.from(container.children) as HTMLElement[];
  const slides = children.filter((el) => el.classList.contains('pdf-page'));
  const pageWidth = parseFloat(document.body.style.width) || slides[0]!.offsetWidth;
  document.documentElement.classList.add('export-handout');
  const text = (tag: string, className: string, content: string) => Object.assign(document.createElement(tag), { className, textContent: content });
  const sheets = slides.map((page, i) => {
    const notes = page.nextElementSibling?.classList.contains('speaker-notes-pdf') ? page.nextElementSibling : null;
    // Plain divs: reveal's print CSS positions every `section` inside the slides absolutely.
    const sheet = text('div', 'handout-sheet', '');
    const head = text('div', 'handout-head', '');
    head.append(text('span', 'handout-deck', title), text('span', 'handout-count', `Slide ${counts[i]?.[0] ?? i + 1} of ${counts[i]?.[1] ?? slides.length}`));
    const frame = text('div', 'handout-frame', '');
    frame.append(page);
    const body = notes?.querySelector('.export-notes-body');
    const notesBox = text('div', 'handout-notes', '');
    notesBox.append(text('p', 'handout-notes-label', 'Notes'));
    if (body) notesBox.append(...Array.from(body.childNodes));
    const lines = text('div', 'handout-lines', '');
    lines.append(...Array.from({ length: 30 }, () => text('div', '', '')));
    notesBox.append(lines);
    const foot = text('div', 'handout-foot', '');
    foot.append(text('span', '', byline), text('span', '', about));
    sheet.append(head, frame, notesBox, foot);
    return sheet;
  });
  container.replaceChildren(...sheets);
  for (const frame of Array.from(container.querySelectorAll<HTMLElement>('.handout-frame'))) {
    const page = frame.firstElementChild as HTMLElement;
    page.style.width = `${pageWidth}px`;
    page.style.zoom = String(frame.clientWidth / pageWidth);
    frame.style.height = `${page.offsetHeight * (frame.clientWidth / pageWidth)}px`;
  }
  const cutNotes: number[] = [];
  Array.from(container.querySelectorAll<HTMLElement>('.handout-notes')).forEach((box, slide) => {
    for (let pt = 11; box.scrollHeight > box.clientHeight + 1 && pt > 8; pt -= 0.5) box.style.fontSize = `${pt - 0.5}pt`;
    if (box.scrollHeight > box.clientHeight + 1) cutNotes.push(slide);
  });
  return { sheets: sheets.length, cutNotes };
}

/** The handout's page and sheet design: A4 portrait, print-friendly ink on white. */
export const HANDOUT_CSS = `
@page { size: A4 portrait; margin: 0; }
html.export-handout, html.export-handout body, html.export-handout .reveal-viewport {
  width: 210mm !important; height: auto !important; background: #fff !important;
}
html.export-handout .reveal .slides .handout-sheet {
  box-sizing: border-box; width: 210mm; height: 296.8mm; padding: 13mm 16mm 11mm; display: flex; flex-direction: column;
  overflow: hidden; position: relative; background: #fff; color: #1d2733; font-family: var(--r-main-font);
  break-after: page; text-align: left;
}
html.export-handout .reveal .slides .handout-sheet:last-child { break-after: auto; }
.handout-head, .handout-foot {
  display: flex; justify-content: space-between; gap: 8mm; flex: none; font-size: 7.5pt; line-height: 1.3;
  letter-spacing: 0.08em; text-transform: uppercase; color: #6b7a8c;
}
.handout-head { padding-bottom: 2.5mm; margin-bottom: 6mm; border-bottom: 0.75pt solid #d5dbe3; }
.handout-deck { font-weight: 800; color: #0c1117; }
.handout-count { font-variant-numeric: tabular-nums; white-space: nowrap; }
.handout-foot { margin-top: auto; padding-top: 2.5mm; border-top: 0.75pt solid #d5dbe3; letter-spacing: 0.04em; text-transform: none; }
.handout-foot span:last-child { text-align: right; }
.handout-frame {
  flex: none; width: 100%; overflow: hidden; border-radius: 1.5mm; background: var(--ink, #0c1117);
  color: var(--r-main-color); font-size: var(--step-0); line-height: normal;
}
.handout-frame .pdf-page { page-break-after: auto !important; }
html.export-handout .reveal .slides .handout-frame .slide-number-pdf { font-size: 22px; }
/* The slide prints at a third of its size: its source line must stay legible on paper. */
html.export-handout .reveal .slides .handout-frame .slide-sources { font-size: 30px; }
.handout-notes {
  flex: 1 1 auto; min-height: 0; overflow: hidden; margin: 7mm 0 5mm; font-size: 11pt; line-height: 1.5;
  display: flex; flex-direction: column;
}
.handout-notes > * { flex: none; }
/* Ruled lines fill what the notes leave free, for the reader's own notes; cut off where the sheet ends. */
.handout-notes > .handout-lines { flex: 1 1 auto; min-height: 0; overflow: hidden; margin-top: 1mm; }
.handout-lines > div { height: 8mm; box-sizing: border-box; border-bottom: 0.6pt solid #dfe4ea; }
.reveal .handout-notes p.handout-notes-label {
  margin: 0 0 2.5mm; font-size: 7.5pt; font-weight: 800; letter-spacing: 0.12em; text-transform: uppercase;
  color: #a86f00; line-height: 1.2;
}
.handout-notes p, .handout-notes ul, .handout-notes ol { margin: 0 0 0.65em; }
.handout-notes ul, .handout-notes ol { padding-left: 1.2em; }
.handout-notes strong { font-weight: 800; color: #0c1117; }
.handout-notes .export-notes-empty { color: #8a96a3; font-style: italic; }
`;
