import type { Box, Paint, Para, Run, ShapeItem } from './types.ts';

/** Helpers the scanners share inside the page, installed once as `window.__pptx` (see installHelpers). */
export interface PageHelpers {
  /** The element's border box in deck px, relative to the slide's top left. */
  box(el: Element): Box;
  /** A computed CSS colour (any syntax) as hex and alpha; undefined when fully transparent or not a colour. */
  paint(css: string): Paint | undefined;
  /** Whether the element is shown (not hidden, transparent, screen-reader only or empty). */
  visible(el: Element): boolean;
  /** The styled runs of an element's inline content; `skip` leaves out child elements (nested lists). */
  runs(el: Element, skip?: (el: Element) => boolean): Run[];
  /** The element as one paragraph: its runs, alignment and line height. */
  para(el: Element, skip?: (el: Element) => boolean): Para;
  /** Background, borders and block ::before/::after bars of an element, as rectangles. */
  decorations(el: Element): ShapeItem[];
  /** Inline KaTeX as runs (superscripts and subscripts raised and lowered), or undefined when its MathML has more than runs can say. */
  math(katex: Element): Run[] | undefined;
  /** A code block's lines, one paragraph each, its line numbers (if shown) in front. */
  code(code: Element): Para[];
}

/**
 * Runs in the page (serialised by Playwright, so it must not use imports): defines `window.__pptx`.
 * `width` is the deck's width in CSS px, to undo reveal's scaling.
 */
export function installHelpers(width: number): void {
  const origin = () => document.querySelector('.reveal .slides')!.getBoundingClientRect();
  const box = (el: Element): Box => {
    const o = origin();
    const scale = o.width / width || 1;
    const r = el.getBoundingClientRect();
    return { x: (r.left - o.left) / scale, y: (r.top - o.top) / scale, w: r.width / scale, h: r.height / scale };
  };
  let canvas: CanvasRenderingContext2D | undefined;
  // Computed colours keep the syntax they were written in (oklch(), color(), lab()): the canvas turns any
  // of them into sRGB bytes, as check's contrast rule does.
  const viaCanvas = (css: string): [number, number, number, number] | undefined => {
    if (!css || css === 'none' || css.startsWith('url(') || css.includes('gradient(')) return undefined;
    canvas ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = 'rgba(0, 0, 0, 0)';
    canvas.fillStyle = css;
    canvas.fillRect(0, 0, 1, 1);
    const d = canvas.getImageData(0, 0, 1, 1).data;
    return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
  };
  const paint = (css: string): Paint | undefined => {
    const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(css);
    const rgba = m ? [+m[1]!, +m[2]!, +m[3]!, m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4])] : viaCanvas(css);
    if (!rgba || rgba[3]! < 0.02) return undefined;
    const hex = rgba
      .slice(0, 3)
      .map((c) => Math.round(c).toString(16).padStart(2, '0'))
      .join('');
    return { hex, alpha: rgba[3]! };
  };
  const visible = (el: Element): boolean => {
    if (el.matches('aside.notes, script, style, template, .sr-only, [hidden]')) return false;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) < 0.02) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };
  const family = (css: string) =>
    css
      .split(',')[0]!
      .trim()
      .replace(/^["']|["']$/g, '');
  const casing = (text: string, transform: string) => (transform === 'uppercase' ? text.toUpperCase() : transform === 'lowercase' ? text.toLowerCase() : text);
  const runs = (el: Element, skip?: (el: Element) => boolean): Run[] => {
    const out: Run[] = [];
    const pre = getComputedStyle(el).whiteSpace.startsWith('pre');
    const walk = (node: Node) => {
      for (const child of Array.from(node.childNodes)) {
        if (child.nodeType === Node.TEXT_NODE) {
          const parent = child.parentElement!;
          const s = getComputedStyle(parent);
          // Control characters are not allowed in XML: PowerPoint would refuse the file.
          let text = (child as Text).data.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
          if (!pre) text = text.replace(/\s+/g, ' ');
          if (!text) continue;
          const code = parent.closest('code');
          const link = parent.closest('a');
          out.push({
            text: casing(text, s.textTransform),
            bold: Number(s.fontWeight) >= 600 || undefined,
            italic: s.fontStyle === 'italic' || undefined,
            underline: (s.textDecorationLine.includes('underline') && !link) || undefined,
            color: paint(s.color),
            font: family(s.fontFamily),
            size: parseFloat(s.fontSize),
            link: link?.href || undefined,
            sup: s.verticalAlign === 'super' || parent.closest('sup') !== null || undefined,
            highlight: code && !code.closest('pre') ? paint(getComputedStyle(code).backgroundColor) : undefined,
          });
        } else if (child instanceof Element) {
          if (child.tagName === 'BR') {
            if (out.length) out[out.length - 1]!.br = true;
            continue;
          }
          if (skip?.(child) || !visible(child)) continue;
          if (child.matches('.katex') && !child.closest('.katex-display')) {
            // The caller pictures math that runs cannot say; the TeX source is the last resort, never nothing.
            out.push(...(math(child) ?? [{ text: child.querySelector('annotation')?.textContent ?? '', font: family(getComputedStyle(child).fontFamily) }]));
            continue;
          }
          walk(child);
        }
      }
    };
    walk(el);
    if (!pre) {
      // Collapse whitespace across runs as CSS does, and trim the ends.
      for (let i = 0; i < out.length; i++) {
        const prev = out[i - 1];
        if ((!prev || prev.br || prev.text.endsWith(' ')) && out[i]!.text.startsWith(' ')) out[i]!.text = out[i]!.text.slice(1);
      }
      const last = out[out.length - 1];
      if (last) last.text = last.text.replace(/\s+$/, '');
    }
    return out.filter((r) => r.text !== '' || r.br);
  };
  const para = (el: Element, skip?: (el: Element) => boolean): Para => {
    const s = getComputedStyle(el);
    const align =
      s.textAlign === 'center' ? 'center' : s.textAlign === 'right' || s.textAlign === 'end' ? 'right' : s.textAlign === 'justify' ? 'justify' : 'left';
    const lineHeight = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.2;
    return { runs: runs(el, skip), align, lineHeight };
  };
  const decorations = (el: Element): ShapeItem[] => {
    const s = getComputedStyle(el);
    const b = box(el);
    const out: ShapeItem[] = [];
    const fill = paint(s.backgroundColor);
    const radius = parseFloat(s.borderTopLeftRadius) || 0;
    if (fill) out.push({ type: 'rect', box: b, fill, radius });
    const sides = [
      ['Top', 0, 0, b.w, 0],
      ['Bottom', 0, 1, b.w, 0],
      ['Left', 0, 0, 0, b.h],
      ['Right', 1, 0, 0, b.h],
    ] as const;
    for (const [side, fx, fy, w, h] of sides) {
      const width = parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`));
      const color = paint(s.getPropertyValue(`border-${side.toLowerCase()}-color`));
      if (!width || !color || s.getPropertyValue(`border-${side.toLowerCase()}-style`) === 'none') continue;
      out.push({ type: 'rect', fill: color, box: { x: b.x + fx * (b.w - width), y: b.y + fy * (b.h - width), w: w || width, h: h || width } });
    }
    // Accent bars drawn by block pseudo-elements (a heading's underline): placed at the end (or start) of the box.
    for (const which of ['::before', '::after'] as const) {
      const p = getComputedStyle(el, which);
      const color = paint(p.backgroundColor);
      if (p.content === 'none' || p.content === 'normal' || p.display !== 'block' || !color) continue;
      const w = parseFloat(p.width) || 0;
      const h = parseFloat(p.height) || 0;
      const padLeft = parseFloat(s.paddingLeft) + parseFloat(s.borderLeftWidth);
      const y = which === '::after' ? b.y + b.h - parseFloat(s.paddingBottom) - h : b.y + parseFloat(s.paddingTop);
      if (w > 0 && h > 0) out.push({ type: 'rect', fill: color, radius: parseFloat(p.borderTopLeftRadius) || 0, box: { x: b.x + padLeft, y, w, h } });
    }
    return out;
  };
  // MathML element -> runs. Tokens are text, rows concatenate, scripts raise or lower their second (and third)
  // child; a fraction, root, accent or matrix has no run form (the caller makes the paragraph a picture).
  const SPACED = /^[=<>≤≥≈≠≡∼∝+−×÷±∓·→←↔⇒⇔∈∉⊂⊆∪∩]$/;
  type Shift = 'sup' | 'sub' | undefined;
  const MATH: Record<
    string,
    (el: Element, shift: Shift, push: (text: string, italic: boolean, shift: Shift) => void, visit: (el: Element, shift: Shift) => boolean) => boolean
  > = {
    mi: (el, shift, push) => (push(el.textContent ?? '', [...(el.textContent ?? '')].length === 1 && el.getAttribute('mathvariant') !== 'normal', shift), true),
    mn: (el, shift, push) => (push(el.textContent ?? '', false, shift), true),
    mtext: (el, shift, push) => (push(el.textContent ?? '', false, shift), true),
    mo: (el, shift, push) => {
      const t = (el.textContent ?? '').trim();
      push(SPACED.test(t) && !shift ? ` ${t} ` : t, false, shift);
      return true;
    },
    mspace: (_el, shift, push) => (push(' ', false, shift), true),
    annotation: () => true,
    math: (el, shift, _push, visit) => Array.from(el.children).every((c) => visit(c, shift)),
    semantics: (el, shift, _push, visit) => !el.children[0] || visit(el.children[0], shift),
    mrow: (el, shift, _push, visit) => Array.from(el.children).every((c) => visit(c, shift)),
    mstyle: (el, shift, _push, visit) => Array.from(el.children).every((c) => visit(c, shift)),
    mpadded: (el, shift, _push, visit) => Array.from(el.children).every((c) => visit(c, shift)),
    // A script inside a script (x^{y^z}) has no run form.
    msup: (el, shift, _push, visit) => !shift && el.children.length === 2 && visit(el.children[0]!, undefined) && visit(el.children[1]!, 'sup'),
    msub: (el, shift, _push, visit) => !shift && el.children.length === 2 && visit(el.children[0]!, undefined) && visit(el.children[1]!, 'sub'),
    msubsup: (el, shift, _push, visit) =>
      !shift && el.children.length === 3 && visit(el.children[0]!, undefined) && visit(el.children[1]!, 'sub') && visit(el.children[2]!, 'sup'),
  };
  const math = (katex: Element): Run[] | undefined => {
    const root = katex.querySelector('math');
    if (!root) return undefined;
    const s = getComputedStyle(katex);
    const size = parseFloat(s.fontSize);
    // Set in the surrounding text's font: KaTeX's own fonts are web fonts a viewer does not have.
    const font = family(getComputedStyle(katex.parentElement ?? katex).fontFamily);
    const out: Run[] = [];
    const push = (text: string, italic: boolean, shift: Shift) => {
      if (!text) return;
      // KaTeX sets scripts at 0.7 of the base size (\scriptstyle).
      out.push({
        text,
        italic: italic || undefined,
        color: paint(s.color),
        font,
        size: shift ? size * 0.7 : size,
        sup: shift === 'sup' || undefined,
        sub: shift === 'sub' || undefined,
      });
    };
    const visit = (el: Element, shift: Shift): boolean => MATH[el.localName]?.(el, shift, push, visit) ?? false;
    return visit(root, undefined) ? out : undefined;
  };
  const code = (el: Element): Para[] => {
    const s = getComputedStyle(el);
    const lineHeight = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.45;
    const rows = Array.from(el.querySelectorAll('table.hljs-ln tr')).filter((r) => visible(r));
    if (rows.length) {
      // Numbers right-aligned by padding, then spaces up to where the browser put the code: the font is
      // monospace, and LibreOffice ignores a paragraph's tab stops.
      const left = box(el).x + parseFloat(s.paddingLeft) + parseFloat(s.borderLeftWidth);
      const codeCell = rows[0]!.querySelector('td.hljs-ln-code');
      const advance = 0.6 * parseFloat(s.fontSize);
      const digits = Math.max(...rows.map((r) => (r.querySelector('td.hljs-ln-numbers')?.textContent ?? '').trim().length));
      const gap = Math.max(1, Math.round((codeCell ? box(codeCell).x - left : 0) / advance) - digits);
      return rows.map((r) => {
        // Lines out of the current step are dimmed by the row's opacity: the runs carry it as transparency.
        const opacity = parseFloat(getComputedStyle(r).opacity);
        const dim = (run: Run): Run => (run.color && opacity < 1 ? { ...run, color: { ...run.color, alpha: run.color.alpha * opacity } } : run);
        const number = r.querySelector('td.hljs-ln-numbers');
        const numbers = number ? runs(number) : [];
        const lead = numbers.length
          ? [
              {
                ...numbers[0]!,
                text:
                  numbers
                    .map((n) => n.text)
                    .join('')
                    .trim()
                    .padStart(digits, ' ') + ' '.repeat(gap),
              },
            ]
          : [];
        const cell = r.querySelector('td.hljs-ln-code');
        const body = (cell ? runs(cell) : []).map((run) => ({ ...run, text: run.text.replace(/\n/g, '') })).filter((run) => run.text !== '');
        return { runs: [...lead, ...body].map(dim), align: 'left' as const, lineHeight };
      });
    }
    // Plain code: its text nodes hold the newlines; each line becomes a paragraph of its own.
    const paras: Para[] = [{ runs: [], align: 'left', lineHeight }];
    for (const run of runs(el)) {
      run.text.split('\n').forEach((piece, i) => {
        if (i > 0) paras.push({ runs: [], align: 'left', lineHeight });
        if (piece) paras.at(-1)!.runs.push({ ...run, text: piece, br: undefined });
      });
    }
    if (paras.length > 1 && paras.at(-1)!.runs.length === 0) paras.pop();
    return paras;
  };
  (window as unknown as { __pptx: PageHelpers }).__pptx = { box, paint, visible, runs, para, decorations, math, code };
}
