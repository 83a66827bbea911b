declare module 'virtual:deck' {
  import type { DeckIssue } from '../compile/errors.ts';
  import type { RuntimeConfig } from '../compile/runtime-config.ts';
  const deck: {
    html: string;
    title: string;
    /** The deck's own stylesheets (`theme: x.css`), after the built-in theme. */
    styles: string[];
    config: RuntimeConfig;
    issues: DeckIssue[];
    /** Increases with every compile, so tests can wait for an update. */
    version: number;
  };
  export default deck;
}
