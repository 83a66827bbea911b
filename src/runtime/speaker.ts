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
    if (/receiver/i.test(location.search)) return;
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
