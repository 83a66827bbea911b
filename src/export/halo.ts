/**
 * Runs in the page before `page.pdf`: redraws each chart label's halo (a stroke in the background colour,
 * painted under the fill with `paint-order: stroke`) as a rounded box behind each line of the label.
 * Chromium's PDF backend writes stroked text as a second, Type 3 copy of the text: the label would be
 * found twice by search and copy, and the PDF would carry Type 3 fonts. A box is a plain vector shape,
 * keeps the label legible where it crosses lines and grid, and leaves one real-font copy of the text.
 * The box is painted in the halo's colour (the chart background) by an inline style: as a `fill` attribute
 * it lost to the theme's `.series rect { fill: var(--series) }` wherever the label sits in a series group
 * (timeline events), and each label stood on a box of its series' colour, hiding the text and date line.
 * Returns the number of labels changed. Must be self-contained: Playwright sends its source text to the page.
 */
export function boxHalos(): number {
  const NS = 'http://www.w3.org/2000/svg';
  let changed = 0;
  for (const text of Array.from(document.querySelectorAll<SVGTextElement>('svg text'))) {
    const style = getComputedStyle(text);
    const width = parseFloat(style.strokeWidth) || 0;
    if (style.stroke === 'none' || width <= 0 || !/stroke/.test(style.paintOrder) || style.paintOrder.startsWith('fill')) continue;
    const tspans = Array.from(text.querySelectorAll<SVGTSpanElement>('tspan'));
    // Multi-line labels are one tspan per line: a box per line hides less of the chart than one around all.
    const lines: SVGGraphicsElement[] = tspans.length > 0 ? tspans : [text];
    const pad = width / 2;
    for (const line of lines) {
      const box = line.getBBox();
      if (box.width === 0 || box.height === 0) continue;
      const rect = document.createElementNS(NS, 'rect');
      rect.setAttribute('x', String(box.x - pad));
      rect.setAttribute('y', String(box.y - pad / 2));
      rect.setAttribute('width', String(box.width + 2 * pad));
      rect.setAttribute('height', String(box.height + pad));
      rect.setAttribute('rx', String(pad));
      rect.style.fill = style.stroke;
      rect.style.fillOpacity = style.strokeOpacity;
      rect.style.stroke = 'none';
      rect.setAttribute('aria-hidden', 'true');
      const transform = text.getAttribute('transform');
      if (transform) rect.setAttribute('transform', transform);
      text.before(rect);
    }
    text.style.stroke = 'none';
    changed++;
  }
  return changed;
}
