// The benchmark's targets (issue #7) and its Markdown report.

const f = (x, digits = 2) =>
  typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';
const at = (r, n) => r.sizes?.[n];

/** Every target with the measured number and whether it is met (null: not measured). */
export function targets(r) {
  const list = [
    ['build @25 (s)', '≤', 0.5, at(r, 25)?.build?.medianSeconds],
    ['build @300 (s)', '≤', 0.6, at(r, 300)?.build?.medianSeconds],
    ['PDF, build included @25 (s)', '≤', 1.5, at(r, 25)?.pdf?.medianSeconds],
    ['PDF, build included @300 (s)', '≤', 2.5, at(r, 300)?.pdf?.medianSeconds],
    // PSS splits pages shared between Chromium's processes instead of counting them once per process;
    // the summed RSS (in the table) counts them over and over and is about twice as large.
    ['PDF peak memory @300, node + Chromium PSS (MiB)', '≤', 500, at(r, 300)?.pdf?.peakTreePssMiB],
    ['PDF bytes per text-only page (KiB)', '≤', 1, r.textOnlyPdf?.marginalBytesPerPage / 1024],
    ['JS before slide 1, gzip (KiB)', '≤', 40, r.dist?.jsBeforeSlide1?.gzKiB],
    ['all JS, gzip (KiB)', '≤', 60, r.dist?.allJs?.gzKiB],
    ['dev: slide 1 after launch @25 (s)', '≤', 1.0, at(r, 25)?.dev?.medianFirstSlideMs / 1000],
    ['dev: slide 1 after launch @300 (s)', '≤', 1.0, at(r, 300)?.dev?.medianFirstSlideMs / 1000],
    ['dev: hot update @300 (ms)', '≤', 150, at(r, 300)?.dev?.medianHotMs],
    ['dev server memory @300, RSS (MiB)', '≤', 150, at(r, 300)?.dev?.medianServerRssMiB],
    ['compile @300 (slides/s)', '≥', 5000, at(r, 300)?.compile?.slidesPerSecond],
    ['compile @1000 (slides/s)', '≥', 5000, at(r, 1000)?.compile?.slidesPerSecond],
    ['node_modules, as installed, disk (MiB)', '≤', 120, r.nodeModules?.installed?.diskMiB],
    // Issue #14: beside Marp CLI on the same decks, in the same run.
    ['PDF time / Marp @25', '≤', 0.7, r.vsMarp?.[25]?.ratio?.seconds],
    ['PDF time / Marp @300', '≤', 0.7, r.vsMarp?.[300]?.ratio?.seconds],
    ['PDF peak PSS / Marp @300', '≤', 0.9, r.vsMarp?.[300]?.ratio?.pss],
    ['PDF bytes / Marp @300', '≤', 0.6, r.vsMarp?.[300]?.ratio?.bytes],
    // Issue 25: a plain text deck too, and Marp given our browser; build beside its anchors; dev; present.
    ['PDF time / Marp, 300 text slides', '≤', 0.7, r.vsMarp?.text300?.ratio?.seconds],
    ...['25', '300', 'text300'].flatMap((k) => {
      const label = k === 'text300' ? '300 text slides' : `@${k}`;
      return [
        [`PDF time / Marp given our browser, ${label}`, '≤', 0.9, r.vsMarp?.[k]?.ratioSameBrowser?.seconds],
        [`PDF peak PSS / Marp given our browser, ${label}`, '≤', 1.0, r.vsMarp?.[k]?.ratioSameBrowser?.pss],
      ];
    }),
    ['build / best anchor (Marp, reveal-md) @25, first build', '≤', 0.3, r.buildVsAnchors?.[25]?.ratio],
    ['build / best anchor (Marp, reveal-md) @300, first build', '≤', 0.3, r.buildVsAnchors?.[300]?.ratio],
    ['build / best anchor (Marp, reveal-md) @25, rebuild after a one-slide edit', '≤', 0.3, r.buildVsAnchors?.[25]?.rebuildRatio],
    ['build / best anchor (Marp, reveal-md) @300, rebuild after a one-slide edit', '≤', 0.3, r.buildVsAnchors?.[300]?.rebuildRatio],
    ['dev: slide 1 after launch, the talk, first start (s)', '≤', 0.6, r.talk?.dev?.medianFirstSlideMs / 1000],
    ['dev: slide 1 after launch, the talk unchanged since the last session (s)', '≤', 0.6, r.talk?.devKept?.medianFirstSlideMs / 1000],
    ['present: follow p95, 1,000 followers (ms)', '≤', 200, r.followers?.[1000]?.p95Ms],
    ['present: follow p95, 5,000 followers (ms)', '≤', 200, r.followers?.[5000]?.p95Ms],
  ];
  return list.map(([name, op, target, measured]) => {
    const ok = typeof measured === 'number' && Number.isFinite(measured);
    return { name, op, target, measured: ok ? measured : null, met: ok ? (op === '≤' ? measured <= target : measured >= target) : null };
  });
}

/** The Markdown report: a table per size and the talk, the one-off figures, then every target. */
export function renderReport(r) {
  const sizes = Object.keys(r.sizes).map(Number);
  const cols = [...sizes.map((n) => at(r, n)), ...(r.talk?.slides ? [r.talk] : [])];
  const head = [...sizes.map((n) => `${n.toLocaleString('en-US')} slides`), ...(r.talk?.slides ? [`talk (${r.talk.slides})`] : [])];
  const row = (label, pick, target = '') =>
    `| ${label} | ${cols
      .map((c) => {
        try {
          return pick(c) ?? '–';
        } catch {
          return '–';
        }
      })
      .join(' | ')} | ${target} |`;
  const m = r.machine;
  const lines = [
    `## Chokepoint benchmark (${r.date.slice(0, 10)}, ${r.commit}${r.dirty ? ', uncommitted changes' : ''})`,
    '',
    `${m.cpus} × ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ${m.chromium ?? 'Chromium'}; median of ${r.runs} run(s); load average ${m.loadAverage?.atStart?.[0] ?? '?'} at start, ${m.loadAverage?.atEnd?.[0] ?? '?'} at end; other work kept ${m.othersCoresMedian ?? '?'} cores busy during the median step (at most ${m.othersCoresMax ?? '?'}).`,
    '',
    `| | ${head.join(' | ')} | target |`,
    `|---|${head.map(() => '---:').join('|')}|---|`,
    row('compile in-process (slides/s)', (c) => f(c.compile?.slidesPerSecond, 0), '≥ 5,000'),
    row('`build`, warm runtime (s)', (c) => f(c.build?.medianSeconds), '≤ 0.5 @25, ≤ 0.6 @300'),
    row('`build` CPU, user + system (s)', (c) => f(c.build?.medianCpuSeconds)),
    row('`build`: time the CLI reports (s)', (c) => f(c.build?.medianReportedSeconds)),
    row('`build` peak memory (MiB)', (c) => f(c.build?.medianPeakMiB, 0)),
    row('`pdf`, build included (s)', (c) => (c.pdf?.skipped ? 'not yet' : f(c.pdf?.medianSeconds)), '≤ 1.5 @25, ≤ 2.5 @300'),
    row('`pdf` CPU of node + reaped children (s)', (c) => f(c.pdf?.medianCpuSeconds)),
    row('`pdf` per slide (ms)', (c) => f(c.pdf?.msPerSlide, 1)),
    row('`pdf` peak memory, node + Chromium PSS (MiB)', (c) => f(c.pdf?.peakTreePssMiB, 0), '≤ 500 @300'),
    row('`pdf` peak memory, summed RSS (MiB)', (c) => f(c.pdf?.peakTreeRssMiB, 0)),
    row('`pdf` bytes per page (KiB)', (c) => f(c.pdf?.bytesPerPage / 1024, 1)),
    row('`png` per slide (ms)', (c) => (c.png?.skipped ? 'not yet' : f(c.png?.msPerSlide, 0))),
    row('dev: slide 1 after launch, first start (s)', (c) => f(c.dev?.medianFirstSlideMs / 1000), '≤ 1.0'),
    row('dev: slide 1 after launch, deck unchanged since the last session (s)', (c) => f(c.devKept?.medianFirstSlideMs / 1000), '≤ 0.6 talk'),
    row('dev: server CPU until slide 1, deck unchanged (s)', (c) => f(c.devKept?.medianServerCpuToSlide1Seconds)),
    row('dev: hot update, deck unchanged at start (ms)', (c) => f(c.devKept?.medianHotMs, 0)),
    row('dev: server answers HTTP (s)', (c) => f(c.dev?.medianHttpMs / 1000)),
    row('dev: server CPU until slide 1 (s)', (c) => f(c.dev?.medianServerCpuToSlide1Seconds)),
    row('dev: hot update (ms)', (c) => f(c.dev?.medianHotMs, 0), '≤ 150 @300'),
    row('dev: server CPU per hot update (ms)', (c) => f(c.dev?.medianHotServerCpuMs, 0)),
    row('dev server RSS after edits (MiB)', (c) => f(c.dev?.medianServerRssMiB, 0), '≤ 150'),
    row('reference: `preview` of the build, slide 1 after launch (s)', (c) => f(c.preview?.medianFirstSlideMs / 1000)),
    row('reference: `preview` server RSS (MiB)', (c) => f(c.preview?.medianServerRssMiB, 0)),
    '',
  ];
  const d = r.dist;
  if (d && !d.error) {
    lines.push(
      `Built deck (${d.slides} slides; JS and CSS do not depend on the slides):`,
      '',
      '| | files | raw KiB | gzip -9 KiB | target |',
      '|---|---:|---:|---:|---|',
      `| JS before slide 1 | ${d.jsBeforeSlide1.files} | ${f(d.jsBeforeSlide1.rawKiB, 1)} | ${f(d.jsBeforeSlide1.gzKiB, 1)} | ≤ 40 gz |`,
      `| all JS | ${d.allJs.files} | ${f(d.allJs.rawKiB, 1)} | ${f(d.allJs.gzKiB, 1)} | ≤ 60 gz |`,
      `| CSS | ${d.allCss.files} | ${f(d.allCss.rawKiB, 1)} | ${f(d.allCss.gzKiB, 1)} | |`,
      `| fonts before slide 1 | ${d.fontsBeforeSlide1.files} | ${f(d.fontsBeforeSlide1.rawKiB, 1)} | ${f(d.fontsBeforeSlide1.gzKiB, 1)} | |`,
      `| all fonts (woff2 + woff fallbacks) | ${d.allFonts.files} | ${f(d.allFonts.rawKiB, 1)} | ${f(d.allFonts.gzKiB, 1)} | |`,
      `| index.html | ${d.html.files} | ${f(d.html.rawKiB, 1)} | ${f(d.html.gzKiB, 1)} | |`,
      `| everything | ${d.total.files} | ${f(d.total.rawKiB, 1)} | ${f(d.total.gzKiB, 1)} | |`,
      '',
    );
  }
  lines.push(...marpSection(r), ...anchorsSection(r), ...followersSection(r));
  const extra = [];
  if (r.nodeModules && !r.nodeModules.error) {
    const nm = r.nodeModules;
    extra.push(
      `- node_modules: ${f(nm.installed.diskMiB, 0)} MiB on disk (${f(nm.installed.apparentMiB, 0)} MiB of files) as installed with dev dependencies, runtime cache left out; ${f(nm.productionMiB, 0)} MiB for the ${nm.productionPackages} production packages alone (target ≤ 120).`,
    );
  }
  if (r.coldRuntime && !r.coldRuntime.error) {
    extra.push(
      `- One-off runtime bundle (first build after a change to src/runtime or the theme): cold build ${f(r.coldRuntime.coldSeconds)} s vs warm ${f(r.coldRuntime.warmSeconds)} s, so ≈ ${f(r.coldRuntime.runtimeBundleSeconds)} s (CPU ≈ ${f(r.coldRuntime.runtimeBundleCpuSeconds)} s); peak ${f(r.coldRuntime.coldPeakMiB, 0)} MiB.`,
    );
  }
  for (const [name, fit] of Object.entries(r.fits ?? {})) {
    if (fit)
      extra.push(
        `- ${name} cost, least squares over ${fit.points.map(([n]) => n).join('/')} slides: ${f(fit.interceptSeconds)} s + ${f(fit.msPerSlide, 2)} ms per slide (r² ${f(fit.r2, 3)}).`,
      );
  }
  if (r.textOnlyPdf && !r.textOnlyPdf.error) {
    const t = r.textOnlyPdf;
    const parts = t.perAddedPage
      ? ` = ${Object.entries(t.perAddedPage)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${k} ${f(v / 1024, 2)}`)
          .join(' + ')}`
      : '';
    extra.push(
      `- PDF of text-only slides: ${f(t.marginalBytesPerPage / 1024, 2)} KiB per added page${parts} (${t.pages25} pages ${f(t.bytes25 / 1024, 0)} KiB, ${t.pages300} pages ${f(t.bytes300 / 1024, 0)} KiB).`,
    );
  }
  for (const note of r.notes ?? []) extra.push(`- ${note}`);
  if (extra.length) lines.push(...extra, '');
  lines.push(...targetsSection(r));
  lines.push('', `(whole run: ${f(r.seconds, 0)} s)`, '');
  return lines.join('\n');
}

/** `chokepoint pdf` beside Marp CLI (and Marp given our browser), per deck: Markdown lines. */
export function marpSection(r) {
  const lines = [];
  const vs = r.vsMarp;
  if (vs?.skipped) lines.push(`Marp CLI: not measured (${vs.skipped}).`, '');
  else if (vs && !vs.error) {
    const ns = (
      vs.decks ??
      Object.keys(vs)
        .filter((k) => /^\d+$/.test(k))
        .map((k) => ({ key: k, label: `${k} slides` }))
    ).map((d) => d.key);
    const labelOf = (k) => vs.decks?.find((d) => d.key === k)?.label ?? `${k} slides`;
    const cell = (n, key, digits, scale = 1) => {
      const v = vs[n];
      if (!v || v.error) return 'failed | | ';
      const ratio = v.ours[key] / v.marp[key];
      return `${f(v.ours[key] / scale, digits)} | ${f(v.marp[key] / scale, digits)} | ${f(ratio, 2)}`;
    };
    lines.push(
      `\`chokepoint pdf\` beside Marp CLI ${vs.version ?? ''} on the same decks, in this run (${vs.runs ?? r.runs} alternating runs, medians; Marp gets the same Markdown, notes as comments, chart fences as code):`,
      '',
      `| | ${ns.map((n) => `${labelOf(n)}: ours | Marp | ours / Marp`).join(' | ')} | target |`,
      `|---|${ns.map(() => '---:|---:|---:').join('|')}|---|`,
      `| time, build included (s) | ${ns.map((n) => cell(n, 'seconds', 2)).join(' | ')} | ≤ 0.7 × Marp |`,
      `| CPU, node + Chromium (s) | ${ns.map((n) => cell(n, 'cpuSeconds', 2)).join(' | ')} | |`,
      `| peak memory, PSS of the process tree (MiB) | ${ns.map((n) => cell(n, 'pssMiB', 0)).join(' | ')} | ≤ 0.9 × Marp @300 |`,
      `| PDF size (KiB) | ${ns.map((n) => cell(n, 'bytes', 0, 1024)).join(' | ')} | ≤ 0.6 × Marp @300 |`,
      `| processes at most | ${ns.map((n) => `${vs[n]?.ours?.processes ?? '–'} | ${vs[n]?.marp?.processes ?? '–'} | `).join(' | ')} | |`,
    );
    if (ns.some((n) => vs[n]?.marpSameBrowser)) {
      const same = (n, key, digits) => {
        const v = vs[n];
        if (!v?.marpSameBrowser) return '– | – | –';
        return `${f(v.ours[key], digits)} | ${f(v.marpSameBrowser[key], digits)} | ${f(v.ours[key] / v.marpSameBrowser[key], 2)}`;
      };
      const name = String(vs.browsers?.ours ?? 'ours')
        .split('/')
        .pop();
      lines.push(
        `| Marp given our browser (${name}), time (s) | ${ns.map((n) => same(n, 'seconds', 2)).join(' | ')} | ≤ 0.9 × |`,
        `| Marp given our browser, peak PSS (MiB) | ${ns.map((n) => same(n, 'pssMiB', 0)).join(' | ')} | ≤ 1.0 × |`,
        '',
        `Browsers: ours ${vs.browsers?.ours ?? '?'} (the export's own search), Marp ${vs.browsers?.marp ?? '?'}; the reference rows give Marp the same browser as ours.`,
      );
    }
    lines.push('');
  }
  return lines;
}

/** `chokepoint build` beside Marp CLI and reveal-md: Markdown lines. */
export function anchorsSection(r) {
  const lines = [];
  const a = r.buildVsAnchors;
  if (a?.skipped || a?.error) lines.push(`Build anchors: not measured (${a.skipped ?? a.error}).`, '');
  else if (a) {
    const cell = (k, tool) => (a[k]?.[tool] ? `${f(a[k][tool].seconds)} (${f(a[k][tool].cpuSeconds)})` : '–');
    lines.push(
      `\`chokepoint build\` beside Marp CLI ${a.marp} (HTML) and reveal-md ${a.revealMd} (--static) on the same decks, in this run (${a.runs} alternating runs, medians; wall s, CPU s in brackets). "First build": no slide kept from an earlier build; "rebuild": one slide edited since the last build, whose other slides \`build\` kept (neither anchor keeps anything):`,
      '',
      '| deck | ours, first build | ours, rebuild | Marp | reveal-md | first build / best anchor | rebuild / best anchor | CPU: first build / least anchor | target |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---|',
      ...a.decks.map(
        (k) =>
          `| ${k} slides | ${cell(k, 'ours')} | ${cell(k, 'oursRebuild')} | ${cell(k, 'marp')} | ${cell(k, 'revealMd')} | ${f(a[k]?.ratio)} | ${f(a[k]?.rebuildRatio)} | ${f(a[k]?.cpuRatio)} | ≤ 0.3 |`,
      ),
      '',
    );
  }
  return lines;
}

/** `present` with 1,000 and 5,000 followers, and the default cap: Markdown lines. */
export function followersSection(r) {
  const lines = [];
  const fl = r.followers;
  if (fl && !fl.error) {
    const row = (n) => {
      const x = fl[n];
      return x
        ? `| ${Number(n).toLocaleString('en-US')} | ${x.maxViewers.toLocaleString('en-US')}${x.maxViewersGiven ? ' (--max-viewers)' : ' (default)'} | ${x.connected.toLocaleString('en-US')} | ${f(x.p50Ms, 1)} | ${f(x.p95Ms, 1)} | ${f(x.maxMs, 0)} | ${x.missed} | ${f(x.serverRssMiB, 0)} | ≤ 200 |`
        : '';
    };
    lines.push(
      `\`present\`: presenter's move to each audience socket on loopback (${fl[1000]?.moves ?? '?'} moves; the clients share the machine's cores with the server; they send the audience page's Origin):`,
      '',
      '| followers | cap | connected | p50 (ms) | p95 (ms) | max (ms) | missed | server RSS (MiB) | p95 target |',
      '|---:|---|---:|---:|---:|---:|---:|---:|---|',
      row(1000),
      row(5000),
      '',
      fl.defaultCap
        ? `At the default cap, ${fl.defaultCap.followers.toLocaleString('en-US')} followers: ${fl.defaultCap.connected.toLocaleString('en-US')} connected, refused ${
            Object.entries(fl.defaultCap.refused)
              .map(([k, v]) => `${v} × ${k}`)
              .join(', ') || 'none'
          }.`
        : '',
      '',
    );
  }
  return lines;
}

/** Every target with measured / target and met or missed: Markdown lines. */
export function targetsSection(r) {
  const lines = [];
  lines.push('Targets (measured / target: below 1 is better for ≤, above 1 for ≥):', '', '| target | measured | measured / target | |', '|---|---:|---:|---|');
  for (const t of r.targets) {
    const digits = t.target >= 100 ? 0 : 2;
    const ratio = t.measured === null ? '' : f(t.measured / t.target, 2);
    lines.push(
      `| ${t.name} ${t.op} ${t.target.toLocaleString('en-US')} | ${t.measured === null ? 'not measured' : f(t.measured, digits)} | ${ratio} | ${t.met === null ? '' : t.met ? 'met' : '**missed**'} |`,
    );
  }
  const met = r.targets.filter((t) => t.met === true).length;
  const missed = r.targets.filter((t) => t.met === false).length;
  lines.push('', `${met} met, ${missed} missed, ${r.targets.length - met - missed} not measured.`);
  return lines;
}
