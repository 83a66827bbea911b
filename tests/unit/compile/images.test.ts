import { describe, expect, it } from 'vitest';
import { compileText, errorsOf } from '../helpers.ts';

const files = { 'x.png': '', 'x.jpg': '' };
const body = (md: string) => compileText(`## T\n\n${md}\n`, files);

describe('image attributes and backgrounds', () => {
  it('takes Pandoc attributes: width, height, classes and an id', () => {
    const deck = body('![A chart](x.png){width=60%}\n\n![B](x.png){height=400px .wide #pic}\n\nText ![i](x.png){width=50} more');
    expect(errorsOf(deck)).toEqual([]);
    expect(deck.html).toContain('<img style="width:60%" src="assets/x.png" alt="A chart">');
    expect(deck.html).toContain('<img id="pic" class="wide" style="height:400px" src="assets/x.png" alt="B">');
    expect(deck.html).toContain('Text <img style="width:50px" src="assets/x.png" alt="i"> more');
  });

  it('reports a missing image written with attributes at its line', () => {
    expect(errorsOf(compileText('## T\n\n![gone](nope.png){width=50%}\n'))).toMatchObject([{ line: 3, code: 'missing-asset' }]);
  });

  it('puts Marp backgrounds straight in the section; a split one marks the section and its share', () => {
    const full = body('![bg](x.jpg)');
    expect(full.html).toMatch(/<section [^>]*>\n<h2>T<\/h2>\n<img class="bg" role="presentation" src="assets\/x.jpg" alt="">/);
    const left = body('![bg left A fab](x.jpg)');
    expect(left.html).toMatch(/<section [^>]*class="bg-left"[^>]*>/);
    expect(left.html).toContain('<img class="bg bg-left" src="assets/x.jpg" alt="A fab">');
    const right = body('![bg right:40%](x.jpg)');
    expect(right.html).toMatch(/<section [^>]*class="bg-right" style="--bg-size:40%"/);
    expect(right.html).not.toMatch(/<p>\s*<img class="bg/);
  });
});

describe('named layouts', () => {
  it('gives a known layout its class and data-layout, and wraps two-cols content after the title', () => {
    const deck = compileText('<!-- .slide: layout="two-cols" -->\n## T\n\n- a\n\n***\n\n- b\n');
    expect(deck.issues).toEqual([]);
    expect(deck.html).toMatch(
      /<section [^>]*class="layout-two-cols"[^>]*data-layout="two-cols"|<section [^>]*data-layout="two-cols"[^>]*class="layout-two-cols"/,
    );
    expect(deck.html).toMatch(/<h2>T<\/h2>\n<div class="layout-cols">\n<ul>/);
  });

  it('warns about an unknown layout at its line, naming the closest one', () => {
    const deck = compileText('## A\n\n---\n\n<!-- .slide: layout="image-rigth" -->\n## T\n');
    expect(deck.issues).toMatchObject([
      {
        severity: 'warning',
        line: 5,
        code: 'unknown-layout',
        message: 'unknown layout `image-rigth`',
        hint: expect.stringMatching(/^did you mean `image-right`\?/),
      },
    ]);
  });
});
