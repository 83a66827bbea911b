import type { RevealApi, RevealPlugin } from 'reveal.js';

type NotesPlugin = RevealPlugin & { open(): void };
let notes: Promise<NotesPlugin> | undefined;

// reveal's notes plugin is ~20 KB gzipped and only matters once the speaker view opens, so it
// loads after the first slide is on screen instead of before.
function loadNotes(reveal: RevealApi): Promise<NotesPlugin> {
  notes ??= import('reveal.js/plugin/notes').then(({ default: Notes }) => {
    const plugin = Notes() as NotesPlugin;
    reveal.registerPlugin(plugin);
    return plugin;
  });
  return notes;
}

/** Opens reveal's speaker view on `s`, loading its plugin lazily; reconnects a view left open across a reload. */
export const SpeakerView: RevealPlugin = {
  id: 'speaker-view',
  init(reveal: RevealApi) {
    if (/receiver/i.test(location.search)) {
      // The speaker view sends its "upcoming" preview (the receiver without postMessageEvents) the state once,
      // when the *current* preview is ready; loading later, it would show the current slide until the next move.
      if (!/postMessageEvents/i.test(location.search)) reveal.on('ready', () => askDeckToResend());
      return;
    }
    const open = () => void loadNotes(reveal).then((p) => p.open());
    reveal.addKeyBinding({ keyCode: 83, key: 'S', description: 'Speaker notes view' }, open);
    if (/(\?|&)notes/i.test(location.search)) open();
    // An open speaker view sends heartbeats after the deck reloads: load the plugin so it answers.
    window.addEventListener('message', (event) => {
      if (typeof event.data === 'string' && event.data.includes('"heartbeat"')) void loadNotes(reveal);
    });
    reveal.on('ready', () => {
      const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
      idle(() => void loadNotes(reveal));
    });
  },
};

// The deck is the speaker window's opener; a `resumed` event makes its notes plugin post the state again.
function askDeckToResend(): void {
  try {
    (window.parent.opener as (Window & { Reveal?: RevealApi }) | null)?.Reveal?.dispatchEvent({ type: 'resumed' });
  } catch {
    // Not opened by a deck of this origin: nothing to ask.
  }
}
