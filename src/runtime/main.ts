import type { RuntimeConfig } from '../compile/runtime-config.ts';
import { startDeck } from './start.ts';

// The static build puts the slides in the page and the settings in a JSON script tag.
const config = JSON.parse(document.getElementById('deck-config')?.textContent ?? '{}') as RuntimeConfig;
void startDeck(config);
