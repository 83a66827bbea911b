import { clockTime, pace, planTimes } from './pacing.ts';
import type { SlideInfo } from './slide-list.ts';

/**
 * The clock, the elapsed timer (pause, reset) and the pacing line. The elapsed time starts when the
 * console opens; pacing compares it with the plan from `data-timing` and `totalTime`.
 */
export function timerBar(bar: HTMLElement, settings: { totalTime?: number; defaultTiming?: number }) {
  const clock = bar.querySelector<HTMLElement>('.clock-value')!;
  const timer = bar.querySelector<HTMLElement>('.timer')!;
  const pacing = bar.querySelector<HTMLElement>('.pacing')!;
  const pauseButton = bar.querySelector<HTMLButtonElement>('.timer-pause')!;
  // Kept per tab, so reloading the presenter page (or a hot reload in dev) does not restart the clock.
  const saved = readTimer();
  let started = saved?.started ?? Date.now();
  let pausedAt: number | null = saved?.pausedAt ?? null;
  const save = () => {
    try {
      sessionStorage.setItem(TIMER_KEY, JSON.stringify({ started, pausedAt }));
    } catch {
      /* storage off: this page only */
    }
  };
  let plan: number[] | null = null;
  let index = 0;

  const elapsed = () => ((pausedAt ?? Date.now()) - started) / 1000;
  const render = () => {
    clock.textContent = new Date().toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
    const e = Math.floor(elapsed());
    timer.textContent = [e / 3600, (e % 3600) / 60, e % 60].map((n) => String(Math.floor(n)).padStart(2, '0')).join(':');
    timer.classList.toggle('paused', pausedAt !== null);
    pacing.hidden = plan === null;
    if (!plan) return;
    const p = pace(plan, index, elapsed());
    const state = p.delta > 0 ? 'ahead' : p.delta < 0 ? 'behind' : 'on-time';
    Object.assign(pacing.dataset, { state, start: String(p.start), end: String(p.end), slide: String(p.slide), delta: String(Math.round(p.delta)) });
    const left = Math.max(0, p.end - elapsed());
    pacing.textContent =
      state === 'on-time' ? `on time · ${clockTime(left)} left on this slide` : `${state} by ${clockTime(p.delta)} · this slide ${clockTime(p.slide)}`;
  };
  pauseButton.addEventListener('click', () => {
    if (pausedAt === null) pausedAt = Date.now();
    else {
      started += Date.now() - pausedAt;
      pausedAt = null;
    }
    pauseButton.textContent = pausedAt === null ? 'Pause' : 'Resume';
    save();
    render();
  });
  bar.querySelector('.timer-reset')!.addEventListener('click', () => {
    started = Date.now();
    if (pausedAt !== null) pausedAt = started;
    save();
    render();
  });
  if (pausedAt !== null) pauseButton.textContent = 'Resume';
  save();
  setInterval(render, 1000);
  render();
  return {
    /** Sets the slides (for the plan) and which one is on screen. */
    update(slides: SlideInfo[], current: number) {
      plan = planTimes(
        slides.map((s) => s.timing),
        settings.totalTime,
        settings.defaultTiming,
      );
      index = current;
      render();
    },
  };
}

const TIMER_KEY = 'chokepoint.timer';

function readTimer(): { started: number; pausedAt: number | null } | undefined {
  try {
    const t = JSON.parse(sessionStorage.getItem(TIMER_KEY) ?? 'null') as { started?: unknown; pausedAt?: unknown } | null;
    if (t && typeof t.started === 'number' && (t.pausedAt === null || typeof t.pausedAt === 'number')) return { started: t.started, pausedAt: t.pausedAt };
  } catch {
    // Nothing saved, or storage off.
  }
  return undefined;
}
