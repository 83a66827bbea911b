import type { PageHelpers } from './page-helpers.ts';
import type { Cell, Item, Para, SlideScan, TableItem, TextItem } from './types.ts';

/**
 * Runs in the page after installHelpers: goes to slide (h, v) with every fragment shown, then lists what is
 * on it in paint order. Charts, pictures and images are marked with `data-pptx-shot` for the next steps.
 */
export async function scanSlide({ h, v, index }: { h: number; v: number; index: number }): Promise<SlideScan> {
  const H = (window as unknown as { __pptx: PageHelpers }).__pptx;
  const reveal = (window as unknown as { Reveal: { slide(h: number, v: number, f: number): void; getCurrentSlide(): HTMLElement } }).Reveal;
  reveal.slide(h, v, Number.MAX_SAFE_INTEGER);
  const slide = reveal.getCurrentSlide();
  await Promise.all([document.fonts.ready, ...Array.from(slide.querySelectorAll('img')).map((i) => i.decode().catch(() => undefined))]);

  const items: Item[] = [];
  let shots = 0;
  const mark = (el: Element) => {
    const id = `${index}-${shots++}`;
    el.setAttribute('data-pptx-shot', id);
    return id;
  };
  const inline = (el: Element) => getComputedStyle(el).display.startsWith('inline');
  // Things PowerPoint has no native form for: a picture of the element itself.
  const UNMAPPABLE = 'svg, canvas, video, iframe, object, embed, math, .katex, .katex-display, .mermaid, .diagram';
  const hasText = (el: Element) => Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && /\S/.test((n as Text).data));
  const textBlock = (el: Element) => (el.textContent ?? '').trim() !== '' && (hasText(el) || Array.from(el.children).every(inline));
  const isList = (el: Element) => el.tagName === 'UL' || el.tagName === 'OL';
  // Inline math that runs can say (exponents, subscripts) stays text; anything else unmappable inside text
  // makes the whole block a picture.
  const sayable = (x: Element) => {
    const k = x.closest('.katex');
    return k !== null && !k.closest('.katex-display') && H.math(k) !== undefined;
  };
  const unmapped = (el: Element) => Array.from(el.querySelectorAll(`${UNMAPPABLE}, img`)).some((x) => !sayable(x));

  const text = (el: Element, paras: Para[], mono = false): TextItem => {
    const s = getComputedStyle(el);
    const pad = [s.paddingTop, s.paddingRight, s.paddingBottom, s.paddingLeft].map(
      (p, i) => parseFloat(p) + parseFloat([s.borderTopWidth, s.borderRightWidth, s.borderBottomWidth, s.borderLeftWidth][i]!),
    ) as [number, number, number, number];
    return { type: 'text', box: H.box(el), paras, pad, mono, valign: s.display.includes('flex') && s.alignItems === 'center' ? 'middle' : 'top' };
  };
  const itemsOf = (list: Element) => Array.from(list.children).filter((li) => li.tagName === 'LI' && H.visible(li));
  // Markers hang in the list's left margin: the text box starts there, each item's text at its own indent.
  const listParas = (list: Element, level: number, left: number, only = itemsOf(list)): Para[] => {
    const ordered = list.tagName === 'OL';
    const all = itemsOf(list);
    const start = Number(list.getAttribute('start') ?? 1);
    return only.flatMap((li, i) => {
      const s = getComputedStyle(li);
      const textX = H.box(li).x + parseFloat(s.paddingLeft);
      // pptxgenjs indents level n by (n + 1) times the bullet indent.
      const item: Para = {
        ...H.para(li, isList),
        level,
        bullet: ordered ? 'number' : 'bullet',
        indent: (textX - left) / (level + 1),
        before: i > 0 ? parseFloat(s.marginTop) : 0,
        bulletColor: H.paint(getComputedStyle(li, '::marker').color),
      };
      // A column of a numbered list goes on counting from where the previous column stopped.
      if (ordered) item.start = start + all.indexOf(only[0]!);
      const nested = Array.from(li.children)
        .filter(isList)
        .flatMap((sub) => listParas(sub, level + 1, left));
      return [item, ...nested];
    });
  };
  // A list set in CSS columns becomes one text box per column: PowerPoint text boxes have no columns.
  const list = (el: Element): TextItem[] => {
    const whole = text(el, []);
    const shift = parseFloat(getComputedStyle(el).marginLeft);
    const columns = new Map<number, Element[]>();
    for (const li of itemsOf(el)) {
      const x = Math.round(H.box(li).x);
      columns.set(x, [...(columns.get(x) ?? []), li]);
    }
    if (columns.size <= 1) {
      whole.paras = listParas(el, 0, whole.box.x - shift);
      whole.box = { ...whole.box, x: whole.box.x - shift, w: whole.box.w + shift };
      return [whole];
    }
    return [...columns.entries()].map(([x, lis]): TextItem => {
      const boxes = lis.map((li) => H.box(li));
      const top = Math.min(...boxes.map((b) => b.y));
      const box = { x: x - shift, y: top, w: Math.max(...boxes.map((b) => b.w)) + shift, h: Math.max(...boxes.map((b) => b.y + b.h)) - top };
      return { ...whole, pad: [0, 0, 0, 0], paras: listParas(el, 0, x - shift, lis), box };
    });
  };
  const table = (el: HTMLTableElement): TableItem => {
    const rows = Array.from(el.rows).filter((r) => H.visible(r));
    const first = rows[0];
    const colW = first ? Array.from(first.cells).flatMap((c) => Array.from({ length: c.colSpan }, () => H.box(c).w / c.colSpan)) : [];
    const cells = rows.map((r) =>
      Array.from(r.cells).map((c): Cell => {
        const s = getComputedStyle(c);
        const rowFill = H.paint(getComputedStyle(r).backgroundColor);
        const line = H.paint(s.borderBottomColor);
        const width = parseFloat(s.borderBottomWidth);
        return {
          runs: H.runs(c),
          fill: H.paint(s.backgroundColor) ?? rowFill,
          align: s.textAlign === 'center' ? 'center' : s.textAlign === 'right' || s.textAlign === 'end' ? 'right' : 'left',
          border: line && width && s.borderBottomStyle !== 'none' ? { bottom: { ...line, width } } : undefined,
          pad: [s.paddingTop, s.paddingRight, s.paddingBottom, s.paddingLeft].map(parseFloat) as Cell['pad'],
          colspan: c.colSpan > 1 ? c.colSpan : undefined,
          rowspan: c.rowSpan > 1 ? c.rowSpan : undefined,
        };
      }),
    );
    return { type: 'table', box: H.box(el), rows: cells, colW, rowH: rows.map((r) => H.box(r).h) };
  };
  const image = async (img: HTMLImageElement): Promise<Item> => {
    const alt = img.alt;
    const src = img.currentSrc || img.src;
    try {
      const blob = await (await fetch(src)).blob();
      if (!/^image\/(png|jpe?g|gif)$/.test(blob.type)) throw new Error('not a raster PowerPoint reads everywhere');
      const data = await new Promise<string>((done) => {
        const r = new FileReader();
        r.onload = () => done(String(r.result));
        r.readAsDataURL(blob);
      });
      const cover = getComputedStyle(img).objectFit === 'cover' ? { cover: { w: img.naturalWidth, h: img.naturalHeight } } : {};
      return { type: 'image', box: H.box(img), data, alt, ...cover };
    } catch {
      return { type: 'picture', box: H.box(img), shot: mark(img), alt };
    }
  };

  const visit = async (el: Element): Promise<void> => {
    if (!H.visible(el)) return;
    items.push(...H.decorations(el));
    if (el.matches('figure.chart[data-chart]')) {
      const svg = el.querySelector('svg.chart-svg');
      if (svg) items.push({ type: 'chart', box: H.box(svg), data: el.getAttribute('data-chart')!, shot: mark(svg) });
      const caption = el.querySelector('figcaption');
      if (caption) await visit(caption);
      return;
    }
    if (el.tagName === 'IMG') return void items.push(await image(el as HTMLImageElement));
    // A paragraph holding just a diagram or image: the picture is of the diagram, not the paragraph's box.
    const only = el.children.length === 1 && !hasText(el) ? el.children[0]! : undefined;
    if (only && (only.matches(UNMAPPABLE) || only.tagName === 'IMG')) return visit(only);
    if (el.matches(UNMAPPABLE) || ((textBlock(el) || isList(el)) && unmapped(el))) {
      return void items.push({ type: 'picture', box: H.box(el), shot: mark(el), alt: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '' });
    }
    if (el.tagName === 'PRE') {
      // Line steps stack one <code> per step over the first: the last is the one on top at the final step.
      const code =
        Array.from(el.querySelectorAll(':scope > code'))
          .filter((c) => H.visible(c))
          .at(-1) ?? el;
      if (code !== el) items.push(...H.decorations(code));
      return void items.push(text(code, H.code(code), true));
    }
    if (el.tagName === 'TABLE') return void items.push(table(el as HTMLTableElement));
    if (isList(el)) return void items.push(...list(el));
    if (textBlock(el)) return void items.push(text(el, [H.para(el)]));
    for (const child of Array.from(el.children)) await visit(child);
  };
  for (const child of Array.from(slide.children)) await visit(child);

  const bg = document.querySelector<HTMLElement>('.slide-background.present');
  const content = bg?.querySelector<HTMLElement>('.slide-background-content');
  const bgUrl = /url\("?([^")]+)"?\)/.exec(content ? getComputedStyle(content).backgroundImage : '')?.[1];
  let backgroundImage: string | undefined;
  if (bgUrl) {
    const blob = await (await fetch(bgUrl)).blob();
    backgroundImage = await new Promise<string>((done) => {
      const r = new FileReader();
      r.onload = () => done(String(r.result));
      r.readAsDataURL(blob);
    });
  }
  const background =
    (bg && H.paint(getComputedStyle(bg).backgroundColor)) ??
    H.paint(getComputedStyle(document.querySelector('.reveal-viewport') ?? document.body).backgroundColor);
  return { background, backgroundImage, items };
}
