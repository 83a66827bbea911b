import type { Box, Paint, Para, Run, ShapeItem } from './types.ts';

/** Helpers the scanners share inside the page, installed once as `window.__pptx` (see installHelpers). */
export interface PageHelpers {
  /** The element's border box in deck px, relative to the slide's top left. */
  box(el: Element): Box;
  /** A computed CSS colour as hex and alpha; undefined when fully transparent or not rgb(). */
  paint(css: string): Paint | undefined;
  /** Whether the element is shown (not hidden, transparent, screen-reader only or empty). */
  visible(el: Element): boolean;
  /** The styled runs of an element's inline content; `skip` leaves out child elements (nested lists). */
  runs(el: Element, skip?: (el: Element) => boolean): Run[];
  /** The element as one paragraph: its runs, alignment and line height. */
  para(el: Element, skip?: (el: Element) => boolean): Para;
  /** Background, borders and block ::before/::after bars of an element, as rectangles. */
  decorations(el: Element): ShapeItem[];
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
  const paint = (css: string): Paint | undefined => {
    const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(css);
    if (!m) return undefined;
    const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    if (alpha < 0.02) return undefined;
    const hex = [m[1], m[2], m[3]].map((c) => Math.round(Number(c)).toString(16).padStart(2, '0')).join('');
    return { hex, alpha };
  };
  const visible = (el: Element): boolean => {
    if (el.matches('aside.notes, script, style, template, .sr-only, [hidden]')) return false;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) < 0.02) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };
  const family = (css: string) => css.split(',')[0]!.trim().replace(/^["']|["']$/g, '');
  const casing = (text: string, transform: string) =>
    transform === 'uppercase' ? text.toUpperCase() : transform === 'lowercase' ? text.toLowerCase() : text;
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
          if ((skip && skip(child)) || !visible(child)) continue;
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
    const align = s.textAlign === 'center' ? 'center' : s.textAlign === 'right' || s.textAlign === 'end' ? 'right' : s.textAlign === 'justify' ? 'justify' : 'left';
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
    const sides = [['Top', 0, 0, b.w, 0], ['Bottom', 0, 1, b.w, 0], ['Left', 0, 0, 0, b.h], ['Right', 1, 0, 0, b.h]] as const;
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
  (window as unknown as { __pptx: PageHelpers }).__pptx = { box, paint, visible, runs, para, decorations };
}
