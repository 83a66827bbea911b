import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateJson } from '../../src/export/evaluate-json.ts';
import { launchBrowser, type Browser, type Page } from './helpers.ts';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setContent('<p id="a">one</p><p id="b">two "quoted" \u2028 line</p>');
});
afterAll(async () => {
  await browser?.close();
});

// The print layout's arguments and results go to and from the page as JSON text (evaluate-json.ts).
describe('evaluateJson', () => {
  it('passes the argument and returns the result as plain data, as page.evaluate would', async () => {
    const arg = { ids: ['a', 'b'], missing: undefined, nested: [{ n: 1 }, { n: 2, s: 'x</script>' }] };
    const out = await evaluateJson(
      page,
      ({ ids, missing, nested }: typeof arg) => ({
        texts: ids.map((id) => document.getElementById(id)!.textContent),
        sum: nested.reduce((s, x) => s + x.n, 0),
        tag: nested[1]!.s,
        hasMissing: missing !== undefined,
      }),
      arg,
    );
    expect(out).toEqual({ texts: ['one', 'two "quoted" \u2028 line'], sum: 3, tag: 'x</script>', hasMissing: false });
  });

  it('awaits an async function and rethrows what it throws', async () => {
    expect(await evaluateJson(page, async (n: number) => new Promise<number>((done) => setTimeout(() => done(n * 2), 10)), 21)).toBe(42);
    await expect(
      evaluateJson(
        page,
        (name: string) => {
          throw new Error(`no ${name}`);
        },
        'slide',
      ),
    ).rejects.toThrow(/no slide/);
  });
});
