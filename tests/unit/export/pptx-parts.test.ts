import { describe, expect, it } from 'vitest';
import { excelDate, excelFormat } from '../../../src/export/pptx/number-format.ts';
import { monospaceFallback, onePropertiesPerParagraph } from '../../../src/export/pptx/repair.ts';
import { units } from '../../../src/export/pptx/units.ts';
import { decodeChart } from '../../../src/export/pptx/chart.ts';
import { renderFixture } from '../charts/helpers.ts';

describe('pptx number formats', () => {
  it('turns d3 formats into spreadsheet formats that print the same', () => {
    expect(excelFormat('$.2f')).toBe('"$"0.00;-"$"0.00');
    expect(excelFormat(',.0f')).toBe('#,##0');
    expect(excelFormat('$,.1f')).toBe('"$"#,##0.0;-"$"#,##0.0');
    expect(excelFormat('.1%')).toBe('0.0%');
    expect(excelFormat('d')).toBe('0');
  });

  it('scales SI prefixes to the prefix of the largest value, as the SVG prints them ($5.05T, not 5054000000000)', () => {
    expect(excelFormat('$.3s', 5.054e12)).toBe('"$"0.00,,,,"T";-"$"0.00,,,,"T"');
    expect(excelFormat('$.0s', 5.054e12)).toBe('"$"0,,,,"T";-"$"0,,,,"T"');
    expect(excelFormat('.2s', 1.6e6)).toBe('0.0,,"M"');
    expect(excelFormat('.2s', 950)).toBe('General');
  });

  it('falls back to General where a spreadsheet has no equivalent', () => {
    expect(excelFormat(undefined)).toBe('General');
    expect(excelFormat('.3s')).toBe('General');
    expect(excelFormat(',.4~r')).toBe('General');
  });

  it('writes dates as spreadsheet serials', () => {
    expect(excelDate(Date.UTC(2025, 0, 27))).toBe(45684);
    expect(excelDate(Date.UTC(1900, 0, 1))).toBe(2);
  });
});

describe('pptx units', () => {
  it('makes a 16:9 deck 13.333 x 7.5 in and a 4:3 deck 10 x 7.5 in, px to pt by the same scale', () => {
    const wide = units(1920, 1080);
    expect([wide.width, wide.height, wide.pt(40)]).toEqual([13.3333, 7.5, 20]);
    expect(units(1024, 768).width).toBe(10);
  });
});

describe('pptx repairs', () => {
  it("keeps only a paragraph's leading paragraph properties", () => {
    const xml =
      '<a:p><a:pPr algn="l"><a:buChar char="x"/></a:pPr><a:r><a:t>a</a:t></a:r><a:pPr indent="0" marL="0"><a:buNone/></a:pPr><a:r><a:t>b</a:t></a:r></a:p><a:p><a:r><a:t>c</a:t></a:r><a:pPr/><a:r><a:t>d</a:t></a:r></a:p>';
    expect(onePropertiesPerParagraph(xml)).toBe(
      '<a:p><a:pPr algn="l"><a:buChar char="x"/></a:pPr><a:r><a:t>a</a:t></a:r><a:r><a:t>b</a:t></a:r></a:p><a:p><a:r><a:t>c</a:t></a:r><a:r><a:t>d</a:t></a:r></a:p>',
    );
  });

  it('marks code fonts fixed-pitch and leaves text fonts alone', () => {
    const xml = '<a:latin typeface="JetBrains Mono" pitchFamily="34" charset="0"/><a:latin typeface="Inter" pitchFamily="34" charset="0"/>';
    expect(monospaceFallback(xml)).toBe(
      '<a:latin typeface="JetBrains Mono" pitchFamily="49" charset="0"/><a:latin typeface="Inter" pitchFamily="34" charset="0"/>',
    );
  });
});

describe('chart data for native export', () => {
  it('travels on the figure as base64 JSON with the values as the data holds them', () => {
    const html = renderFixture('line-market-cap');
    const data = decodeChart(/data-chart="([^"]+)"/.exec(html)![1]!);
    expect(data.kind).toBe('line');
    expect(data.series[0]!.values).toContain(3.019);
    expect(data.categories).toHaveLength(data.series[0]!.values.length);
    expect(data.xTime).toBe(true);
  });

  it('orders bars as the SVG does when sorted', () => {
    const bars = decodeChart(/data-chart="([^"]+)"/.exec(renderFixture('bar-chips'))![1]!);
    const values = bars.series[0]!.values as number[];
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  });

  it('keeps scatter rules and regions, and timeline events in date order', () => {
    const scatter = decodeChart(/data-chart="([^"]+)"/.exec(renderFixture('scatter-thresholds'))![1]!);
    expect(scatter.rules!.map((r) => r.axis)).toContain('x');
    expect(scatter.xValues).toHaveLength(scatter.series[0]!.values.length);
    const timeline = decodeChart(/data-chart="([^"]+)"/.exec(renderFixture('timeline-r2'))![1]!);
    const dates = timeline.events!.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
  });
});
