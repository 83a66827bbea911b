import type { RevealApi, RevealPlugin } from 'reveal.js';
import { post, runCommand, stateOf, type Message } from './messages.ts';
import { notice } from './notice.ts';

let consoleWindow: Window | null = null;

/** The console's URL: this very page (so it works from dev, a static server, file:// and a single file). */
export function consoleUrl(): string {
  const url = new URL(location.href);
  url.hash = '';
  url.searchParams.set('speaker', '');
  return url.href;
}

/**
 * `s` opens the speaker console (src/runtime/console.ts) in a popup; the deck answers its commands and
 * tells it every move. A console left open across a reload of the deck says hello again and is re-adopted.
 */
export const SpeakerView: RevealPlugin = {
  id: 'speaker-view',
  init(reveal: RevealApi) {
    const open = () => {
      const popup = window.open(consoleUrl(), 'chokepoint-speaker', 'popup,width=1100,height=700');
      if (!popup) {
        notice('The speaker console was blocked as a popup: allow popups for this page, then press S again.');
        return;
      }
      consoleWindow = popup;
      popup.focus();
    };
    reveal.addKeyBinding({ keyCode: 83, key: 'S', description: 'Speaker console' }, open);
    if (/(\?|&)notes/i.test(location.search)) open();
    // Only our own console: a window this page opened (also after this page reloaded: opener persists).
    window.addEventListener('message', (event) => {
      const source = event.source as Window | null;
      const data = event.data as Partial<Message> | null;
      if (!source || !data || data.chokepoint !== 1) return;
      let opened = false;
      try {
        opened = source.opener === window;
      } catch {
        // A window of another origin that we may not inspect: not ours.
      }
      if (!opened) return;
      consoleWindow = source;
      if (data.type === 'hello') post(source, { type: 'state', state: stateOf(reveal) });
      if (data.type === 'command') runCommand(reveal, data as Extract<Message, { type: 'command' }>);
    });
    const tell = () => {
      if (consoleWindow && !consoleWindow.closed) post(consoleWindow, { type: 'state', state: stateOf(reveal) });
    };
    for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden', 'paused', 'resumed', 'ready']) reveal.on(event, tell);
  },
};
