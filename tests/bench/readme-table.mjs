#!/usr/bin/env node
// Prints the README's Performance tables from bench-results.json: the talk, the 25- and 300-slide
// decks, the targets, and the figures issue #7 gives for Marp, reveal-md and Slidev; then (issue 25)
// the PDF beside Marp, the build beside Marp and reveal-md, `present` followers, and every target.
//   node tests/bench/readme-table.mjs [bench-results.json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './build.mjs';
import { anchorsSection, followersSection, marpSection, targetsSection } from './report.mjs';

const r = JSON.parse(readFileSync(process.argv[2] ?? join(ROOT, 'bench-results.json'), 'utf8'));
const f = (x, d = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–');
const [s25, s300, talk] = [r.sizes[25], r.sizes[300], r.talk];
const both = (pick, d) => `${f(pick(s25), d)} / ${f(pick(s300), d)}`;
const t = (name) => r.targets.find((x) => x.name.startsWith(name));
const mark = (...names) => (names.map(t).every((x) => x?.met) ? 'met' : `**missed**`);

const rows = [
  [
    '`build` (s)',
    f(talk?.build?.medianSeconds),
    both((s) => s?.build?.medianSeconds),
    '≤ 0.5 / ≤ 0.6',
    mark('build @25', 'build @300'),
    '0.77 / 0.82',
    '0.62 / 0.57',
    '6.5 / 6.8',
  ],
  [
    '`pdf`, build included (s)',
    f(talk?.pdf?.medianSeconds),
    both((s) => s?.pdf?.medianSeconds),
    '≤ 1.5 / ≤ 2.5',
    mark('PDF, build included @25', 'PDF, build included @300'),
    '2.4 / 3.3',
    '3.5 / 5.2',
    '12 / 187',
  ],
  ['`pdf` CPU, node + Chromium (s)', f(talk?.pdf?.medianCpuSeconds), both((s) => s?.pdf?.medianCpuSeconds), '', '', '–', '–', '–'],
  [
    '`pdf` peak memory, PSS (summed RSS) (MiB)',
    `${f(talk?.pdf?.peakTreePssMiB, 0)} (${f(talk?.pdf?.peakTreeRssMiB, 0)})`,
    `${f(s25?.pdf?.peakTreePssMiB, 0)} / ${f(s300?.pdf?.peakTreePssMiB, 0)} (${f(s300?.pdf?.peakTreeRssMiB, 0)})`,
    '– / ≤ 500',
    mark('PDF peak memory @300'),
    '570',
    '584',
    '3,584',
  ],
  [
    '`pdf` KiB per page (text-only page)',
    f(talk?.pdf?.bytesPerPage / 1024, 1),
    `${both((s) => s?.pdf?.bytesPerPage / 1024, 1)} (${f(r.textOnlyPdf?.marginalBytesPerPage / 1024, 1)})`,
    '(≤ 1)',
    mark('PDF bytes per text-only page'),
    '731 @300',
    '–',
    '295 @300',
  ],
  [
    'JS before slide 1, gzip (KiB)',
    f(r.dist?.jsBeforeSlide1?.gzKiB, 1),
    f(r.dist?.jsBeforeSlide1?.gzKiB, 1),
    '≤ 40',
    mark('JS before slide 1'),
    '–',
    '358',
    '195',
  ],
  ['all JS, gzip (KiB)', f(r.dist?.allJs?.gzKiB, 1), f(r.dist?.allJs?.gzKiB, 1), '≤ 60', mark('all JS'), '–', '–', '–'],
  [
    '`dev`: slide 1 after launch (s)',
    f(talk?.dev?.medianFirstSlideMs / 1000),
    both((s) => s?.dev?.medianFirstSlideMs / 1000),
    '≤ 1.0 / ≤ 1.0',
    mark('dev: slide 1 after launch @25', 'dev: slide 1 after launch @300'),
    '1.4 / 1.6',
    '1.5 / 1.4',
    '7.1 / 9.0',
  ],
  [
    '`dev`: server CPU until slide 1 (s)',
    f(talk?.dev?.medianServerCpuToSlide1Seconds),
    both((s) => s?.dev?.medianServerCpuToSlide1Seconds),
    '',
    '',
    '–',
    '–',
    '–',
  ],
  ['`dev`: hot update (ms)', f(talk?.dev?.medianHotMs, 0), both((s) => s?.dev?.medianHotMs, 0), '– / ≤ 150', mark('dev: hot update @300'), '–', '–', '–'],
  [
    '`dev` server RSS (MiB)',
    f(talk?.dev?.medianServerRssMiB, 0),
    both((s) => s?.dev?.medianServerRssMiB, 0),
    '≤ 150',
    mark('dev server memory @300'),
    '–',
    '–',
    '–',
  ],
  ['compile (slides/s)', f(talk?.compile?.slidesPerSecond, 0), both((s) => s?.compile?.slidesPerSecond, 0), '– / ≥ 5,000', mark('compile @300'), '–', '–', '–'],
  ['node_modules (MiB)', f(r.nodeModules?.installed?.diskMiB, 0), f(r.nodeModules?.installed?.diskMiB, 0), '≤ 120', mark('node_modules'), '108', '168', '474'],
];
const head = ['', `talk (${talk?.slides ?? '?'} slides)`, '25 / 300 slides', 'target', '', 'Marp', 'reveal-md', 'Slidev'];
console.log(`| ${head.join(' | ')} |`);
console.log(`|${head.map((_, i) => (i === 0 || i === 4 ? '---' : '---:')).join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
const m = r.machine;
console.log(
  `\nMeasured ${r.date.slice(0, 10)} at ${r.commit} on ${m.cpus} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node.replace(/^v/, '')}, ${(m.chromium ?? 'Chromium').replace(/ built on .*/, '')}; medians of ${r.runs} runs.`,
);
const load = r.machine.loadAverage;
console.log(
  `\nLoad average ${load?.atStart?.[0] ?? '?'} at the start, ${load?.atEnd?.[0] ?? '?'} at the end of the run; other work kept a median ${r.machine.othersCoresMedian ?? '?'} of ${m.cpus} cores busy during a step.\n`,
);
for (const section of [marpSection(r), anchorsSection(r), followersSection(r), targetsSection(r)]) if (section.length) console.log(section.join('\n'));
