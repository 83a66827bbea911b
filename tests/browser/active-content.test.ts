import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDeck } from '../../src/check/run.ts';
import { runPresent, type Presenting } from '../../src/commands/present.ts';
import { launchBrowser, tempDir, type Browser } from './helpers.ts';

// An SVG that, if its script ran as a document in a frame, would read the presenter's address (the token),
// storage and cookies, write them into the page around it and send them out.
const EVIL = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>evil</title><rect width="10" height="10" fill="red"/>
<script><![CDATA[
var out = [];
[function () { return 'parent ' + parent.location.href; }, function () { return 'top ' + top.location.href; },
 function () { return 'storage ' + JSON.stringify(top.sessionStorage); }, function () { return 'cookie ' + document.cookie; }]
  .forEach(function (f) { try { out.push(f()); } catch (e) { out.push('blocked'); } });
var said = out.join(' | ');
try { top.document.title = 'pwned ' + said; } catch (e) {}
try { parent.document.title = 'pwned ' + said; } catch (e) {}
try { new Image().src = '/leak-img?' + encodeURIComponent(said); } catch (e) {}
try { fetch('/leak-fetch?' + encodeURIComponent(said)); } catch (e) {}
]]></script></svg>`;

const home = tempDir('chokepoint-active-');
const deck = join(home.path, 'deck');
const quiet = { log: () => undefined, error: () => undefined };
let browser: Browser;
let present: Presenting;
// Another origin on loopback, standing in for any other site: the deck's frame-src must keep it out.
const elsewhere: string[] = [];
let other: Server;

beforeAll(async () => {
  other = createServer((req, res) => {
    elsewhere.push(req.url ?? '');
    res.end('<script>top.document.title = "pwned"</script>');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/page.html`;
  mkdirSync(deck);
  writeFileSync(join(deck, 'evil.svg'), EVIL);
  writeFileSync(
    join(deck, 'talk.md'),
    '# Frames\n\n<iframe src="evil.svg" title="A framed SVG" width="300" height="200"></iframe>\n\nNote: a frame\n\n---\n\n## Logo\n\n![A logo](evil.svg)\n\nNote: the same SVG as an image\n\n---\n\n## Elsewhere\n\n' +
      `<iframe src="${otherUrl}" title="Another site"></iframe>\n\n<iframe src="data:text/html,%3Cscript%3Etop.document.title='pwned'%3C/script%3E" title="A data URL"></iframe>\n\nNote: frames the deck's policy refuses\n`,
  );
  const [b, started] = await Promise.all([launchBrowser(), runPresent(deck, { port: 0 }, quiet)]);
  browser = b;
  present = started.presenting!;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await present?.stop();
  other?.close();
  home.remove();
});

describe('content in frames cannot reach the presenter', () => {
  it("a framed SVG's script does not run: it reads no token, writes nothing into the page and sends nothing", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const svgResponses: Record<string, string>[] = [];
    context.on('response', (r) => {
      if (/evil[^/]*\.svg/.test(r.url())) svgResponses.push(r.headers());
    });
    const page = await context.newPage();
    await page.goto(present.presenterUrl);
    await page.waitForSelector('.speaker-console[data-state]', { timeout: 120_000 });
    // The console's two previews and the audience page each load the framed SVG.
    const audienceContext = await browser.newContext({ viewport: { width: 1100, height: 700 } });
    audienceContext.on('request', (r) => requests.push(r.url()));
    audienceContext.on('response', (r) => {
      if (/evil[^/]*\.svg/.test(r.url())) svgResponses.push(r.headers());
    });
    const audience = await audienceContext.newPage();
    await audience.goto(present.audienceUrl);
    await audience.waitForSelector('.reveal.ready');
    await expect.poll(() => svgResponses.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(1000);
    expect(requests.filter((u) => u.includes('leak'))).toEqual([]);
    expect(await page.title()).not.toContain('pwned');
    expect(await audience.title()).not.toContain('pwned');
    const titles = await Promise.all(page.frames().map((f) => f.title().catch(() => '')));
    expect(titles.join(' ')).not.toContain('pwned');
    expect(svgResponses[0]!['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    // The token left the address once the page loaded: no frame, history entry or later request shows it.
    expect(page.url()).not.toContain(present.token);
    expect(
      page
        .frames()
        .map((f) => f.url())
        .join(' '),
    ).not.toContain(present.token);
    const after = requests.slice(requests.findIndex((u) => u.includes('/presenter')) + 1);
    expect(after.filter((u) => u.includes(present.token) && !u.startsWith('ws'))).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // A reload still opens the console, and it still drives the audience.
    await page.reload();
    await page.waitForSelector('.speaker-console[data-state]', { timeout: 60_000 });
    expect(page.url()).not.toContain(present.token);
    // Pressed while the audience has not moved: a key pressed while the reloaded console is still
    // connecting is not what this test is about.
    await expect
      .poll(
        async () => {
          const h = await audience.evaluate(() => window.Reveal.getIndices().h);
          if (h === 0) await page.keyboard.press('ArrowRight');
          return h;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBeGreaterThanOrEqual(1);
    await Promise.all([context.close(), audienceContext.close()]);
  }, 180_000);

  it("the deck's frame-src keeps out frames from another site and data: URLs", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 700 } })).newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(present.audienceUrl);
    await page.waitForSelector('.reveal.ready');
    await page.evaluate(() => window.Reveal.slide(2));
    await expect
      .poll(
        () => errors.filter((e) => /Framing '.*' violates the following Content Security Policy directive: "frame-src 'self'"|Refused to frame/.test(e)).length,
        { timeout: 20_000 },
      )
      .toBeGreaterThanOrEqual(2);
    expect(elsewhere).toEqual([]);
    expect(await page.title()).not.toContain('pwned');
    await page.context().close();
  }, 120_000);

  it('check warns about the frame and the scripted SVG, at their lines', async () => {
    const result = await checkDeck(deck);
    const active = result.issues.filter((i) => i.rule === 'active-content' && i.slide!.number < 3);
    expect(result.issues.filter((i) => i.rule === 'active-content' && i.slide!.number === 3).map((i) => i.message.split(':')[0])).toEqual([
      'an <iframe> shows `http',
      'an <iframe> shows `data',
    ]);
    expect(active.map((i) => `${i.severity} ${i.file.split('/').pop()}:${i.line} ${i.message}`)).toEqual([
      "warning talk.md:3 an <iframe> shows `evil.svg`: a document of its own, outside the deck's Content-Security-Policy",
      'warning talk.md:3 `evil.svg` contains a script or an event handler',
      'warning talk.md:11 `evil.svg` contains a script or an event handler',
    ]);
  }, 180_000);
});
