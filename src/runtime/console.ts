import type { RuntimeConfig } from '../compile/runtime-config.ts';
import { countedNumber, countedTotal } from '../compile/numbering.ts';
import { consoleKey, helpLine, type ConsoleActions } from './console-keys.ts';
import { notesPane } from './console-notes.ts';
import { overview } from './console-overview.ts';
import { timerBar } from './console-timer.ts';
import { post, type Command, type DeckState, type Message } from './messages.ts';
import { notice } from './notice.ts';
import { presentRole } from './page-role.ts';
import { connectSync, takeToken } from './present-sync.ts';
import { slideList, type SlideInfo } from './slide-list.ts';
import './console.css';

const MARKUP = `
<header class="console-bar">
  <span class="slide-count">Slide <b class="slide-n">1</b> / <span class="slide-total">1</span></span>
  <span class="speaker-controls-time">
    <span class="clock-value"></span>
    <span class="timer" title="Elapsed"></span><button class="timer-pause">Pause</button><button class="timer-reset">Reset</button>
    <span class="pacing" hidden></span>
  </span>
  <span class="console-actions">
    <input class="jump-input" inputmode="numeric" aria-label="Go to slide number" placeholder="#">
    <button class="overview-toggle" title="Pick a slide (O)">Slides</button>
    <button class="blank-toggle" title="Blank the screen (B)">Blank</button>
  </span>
</header>
<section id="current-slide" class="preview"><iframe title="Current slide"></iframe><div class="tap"></div></section>
<section id="upcoming-slide" class="preview"><span class="label">Next</span><iframe title="Next step"></iframe><div class="tap"></div><p class="end">End of the deck</p></section>
<div class="notes-size" role="group" aria-label="Notes size"><span>Notes</span><button class="notes-larger" aria-label="Larger notes">A+</button><button class="notes-smaller" aria-label="Smaller notes">A−</button><button class="notes-fit" title="Back to the size that fits the deck's notes" hidden>Fit</button></div>
<section class="speaker-controls-notes"><div class="value"></div></section>
<p class="console-keys">${helpLine()}</p>
<nav class="console-nav"><button class="nav-prev">◀ Prev</button><button class="nav-next">Next ▶</button></nav>
<div class="console-overview" hidden></div>`;

/**
 * The speaker console: the current slide at its fragment, the next step, the notes at one size fitted to the deck,
 * clock, timer, pacing, slide n/N, jump and blank. It drives the deck that opened it (over postMessage, so
 * it works from file:// too) or, on the `present` server's presenter page, its own current-slide frame,
 * whose moves it sends to the audience.
 */
export function startConsole(config: RuntimeConfig): void {
  document.documentElement.classList.add('chokepoint-console');
  document.title = `Speaker console · ${document.title}`;
  const root = document.createElement('div');
  root.className = 'speaker-console';
  root.innerHTML = MARKUP;
  document.body.append(root);
  root.style.setProperty('--slide-ratio', `${config.width} / ${config.height}`);
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const current = $<HTMLIFrameElement>('#current-slide iframe');
  const upcoming = $<HTMLIFrameElement>('#upcoming-slide iframe');
  const notes = notesPane($('.speaker-controls-notes'), $('.notes-size'));
  const reveal = config.reveal as { totalTime?: number; defaultTiming?: number };
  const timer = timerBar($('.console-bar'), { totalTime: reveal.totalTime, defaultTiming: reveal.defaultTiming });
  const picker = overview($('.console-overview'), { width: config.width, height: config.height }, (i) => goto(i));

  let opener: Window | null = null;
  try {
    opener = window.opener as Window | null;
  } catch {
    // No access to the opener: drive our own frame.
  }
  const role = presentRole();
  // Without a deck window to follow (the presenter page, or a console opened by hand), drive our own frame.
  const ownFrame = !opener;
  const controller = () => (ownFrame ? current.contentWindow : opener);
  const sync = role === 'presenter' ? connectSync('presenter', (s) => adopt(s), takeToken()) : undefined;
  let slides: SlideInfo[] = slideList();
  let state: DeckState = { h: 0, v: 0, f: -1, paused: false };
  let pending: DeckState | null | undefined;
  const ready = new Set<Window>();

  // The presenter page previews the audience page (`/`): its frames need no token and never see one.
  const previewUrl = new URL(role === 'presenter' ? './' : location.href, location.href);
  previewUrl.hash = '';
  previewUrl.searchParams.delete('speaker');
  previewUrl.searchParams.set('preview', 'current');
  current.src = previewUrl.href;
  previewUrl.searchParams.set('preview', 'next');
  upcoming.src = previewUrl.href;

  const send = (c: Command) => post(controller(), { type: 'command', ...c });
  const indexOf = (s: DeckState) =>
    Math.max(
      0,
      slides.findIndex((x) => x.h === s.h && x.v === s.v),
    );
  const goto = (i: number) => {
    const slide = slides[Math.min(Math.max(i, 0), slides.length - 1)];
    if (slide) send({ command: 'goto', h: slide.h, v: slide.v });
  };
  // What the server says on connecting (where the talk is, or null before anyone moved) comes first: until
  // then this page tells the audience nothing, so reloading the presenter page never flashes slide 1 to them.
  let synced = !sync;
  let arriving: DeckState | undefined;
  // A state from the server (presenter page reloaded, or a second presenter device): move our frame there.
  const adopt = (s: DeckState | null) => {
    if (!ownFrame) return;
    if (!s) {
      synced = true;
      if (root.dataset.state) sync?.send(state);
      return;
    }
    if (!ready.has(current.contentWindow!)) {
      pending = s;
      return;
    }
    // Synced once the frame stands where the server says: what the frame reports before it gets there (its
    // first slide, on a busy machine) is not the talk's position and must not reach the audience.
    arriving = s;
    // A frame already standing there reports nothing new: synced at once. Otherwise, at the latest after
    // 3 s, and then the audience gets where the presenter has gone meanwhile (moves made right after a
    // reload were lost until the next one).
    if (root.dataset.state && state.h === s.h && state.v === s.v && state.f === s.f) {
      synced = true;
      arriving = undefined;
    } else
      setTimeout(() => {
        if (!synced) {
          synced = true;
          arriving = undefined;
          sync?.send(state);
        }
      }, 3000);
    send({ command: 'goto', h: s.h, v: s.v, f: s.f });
    if (s.paused !== state.paused) send({ command: 'blank', paused: s.paused });
  };
  const render = () => {
    const i = indexOf(state);
    // The screen's numbers: uncounted slides (an appendix) are left out, as reveal leaves them out.
    $('.slide-n').textContent = String(countedNumber(slides, i));
    $('.slide-total').textContent = String(countedTotal(slides));
    notes.setDeck(slides.map((s) => s.notes));
    notes.show(slides[i]?.notes ?? '');
    timer.update(slides, i);
    root.classList.toggle('blanked', state.paused);
    $('.blank-toggle').setAttribute('aria-pressed', String(state.paused));
    if (!ownFrame && ready.has(current.contentWindow!)) post(current.contentWindow, { type: 'show', state, step: 0 });
    if (ready.has(upcoming.contentWindow!)) post(upcoming.contentWindow, { type: 'show', state, step: 1 });
  };

  window.addEventListener('message', (event) => {
    const m = event.data as Message | null;
    if (!m || typeof m !== 'object' || m.chokepoint !== 1 || !event.source) return;
    const source = event.source as Window;
    if (source !== controller() && source !== current.contentWindow && source !== upcoming.contentWindow) return;
    if (m.type === 'ready') {
      ready.add(source);
      if (ownFrame && source === current.contentWindow) {
        // Straight to the server's state if it came first; else ask the frame where it is.
        if (pending) adopt(pending);
        else post(source, { type: 'hello' });
        pending = undefined;
      }
      render();
    } else if (m.type === 'state' && source === controller()) {
      if (JSON.stringify(m.state) === JSON.stringify(state) && root.dataset.state) return;
      state = m.state;
      root.dataset.state = `${state.h}/${state.v}/${state.f}`;
      if (arriving && state.h === arriving.h && state.v === arriving.v && state.f === arriving.f) {
        synced = true;
        arriving = undefined;
      }
      if (synced) sync?.send(state);
      render();
    } else if (m.type === 'shown' && source === upcoming.contentWindow) {
      root.classList.toggle('at-end', m.end);
    }
  });
  // Says hello to the deck window until it answers, and again every second so that a deck that reloads
  // (or a hot update in dev) finds its console again.
  if (opener) {
    const hello = () => {
      if (opener!.closed) notice('The deck window was closed: this console can no longer drive it.');
      else post(opener, { type: 'hello' });
    };
    hello();
    setInterval(hello, 1000);
  }
  // A console nobody opened (typed-in URL, or a browser that cuts popups off their opener on file://).
  if (!opener && role !== 'presenter') {
    $('.console-keys').textContent = 'Not linked to a deck window: this console drives its own preview. To drive the deck, press S in it.';
  }
  // A hot update in dev replaces the slides in this page too: new notes and titles show at once.
  document.addEventListener('chokepoint:deck-updated', () => {
    slides = slideList();
    render();
  });

  bindInput(root, {
    send,
    goto,
    toggleOverview: () => picker.toggle(slides, indexOf(state)),
    closeOverview: () => picker.close(),
    overviewOpen: () => picker.open,
    blank: () => send({ command: 'blank', paused: !state.paused }),
  });
  render();
}

/** Keyboard, clicks, taps and swipes; all of them drive the deck. */
function bindInput(root: HTMLElement, a: ConsoleActions): void {
  const jump = root.querySelector<HTMLInputElement>('.jump-input')!;
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const inJump = event.target === jump;
    if (/^\d$/.test(event.key) && !inJump) {
      jump.focus();
      jump.value += event.key;
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' && jump.value) {
      a.goto(Number(jump.value) - 1);
      jump.value = '';
      jump.blur();
      event.preventDefault();
      return;
    }
    if (event.key === 'Escape') {
      jump.value = '';
      jump.blur();
      a.closeOverview();
      return;
    }
    if (inJump && event.key !== 'Enter') return;
    const shortcut = consoleKey(event.key);
    if (!shortcut || (a.overviewOpen() && !shortcut.inOverview)) return;
    shortcut.run(a, event);
    if (!shortcut.keepDefault) event.preventDefault();
  });
  const click = (sel: string, fn: () => void) => root.querySelector(sel)!.addEventListener('click', fn);
  click('.nav-next', () => a.send({ command: 'next' }));
  click('.nav-prev', () => a.send({ command: 'prev' }));
  click('.blank-toggle', () => a.blank());
  click('.overview-toggle', () => a.toggleOverview());
  click('#upcoming-slide .tap', () => a.send({ command: 'next' }));
  // The current slide: the left third goes back, the rest forward (a phone's tap zones).
  root.querySelector<HTMLElement>('#current-slide .tap')!.addEventListener('click', (event) => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    a.send({ command: event.clientX - box.left < box.width / 3 ? 'prev' : 'next' });
  });
  let touch: { x: number; y: number } | undefined;
  root.addEventListener(
    'touchstart',
    (e) => {
      const t = e.touches[0];
      touch = t ? { x: t.clientX, y: t.clientY } : undefined;
    },
    { passive: true },
  );
  root.addEventListener('touchend', (e) => {
    const t = e.changedTouches[0];
    if (!touch || !t) return;
    const dx = t.clientX - touch.x;
    const dy = t.clientY - touch.y;
    touch = undefined;
    // A horizontal swipe: left for next, right for previous. Vertical ones scroll the notes.
    if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) {
      a.send({ command: dx < 0 ? 'next' : 'prev' });
      e.preventDefault();
    }
  });
}
