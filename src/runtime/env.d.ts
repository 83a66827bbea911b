declare module 'virtual:deck' {
  // The dev server's payload (src/vite/deck-compiler.ts): last good slides, this compile's issues, a growing version.
  import type { Payload } from '../vite/deck-compiler.ts';
  const deck: Payload;
  export default deck;
}
