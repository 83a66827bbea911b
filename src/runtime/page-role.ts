/** The page's role, from its URL and what the `present` server tells it. */
export type PageMode = 'deck' | 'print' | 'preview' | 'console';

export function pageMode(): PageMode {
  const q = new URLSearchParams(location.search);
  if (/print-pdf/.test(location.search)) return 'print';
  if (q.has('preview')) return 'preview';
  if (q.has('speaker') || presentRole() === 'presenter') return 'console';
  return 'deck';
}

/** `audience` or `presenter` when served by `chokepoint present` (it marks the page), else undefined. */
export function presentRole(): 'audience' | 'presenter' | undefined {
  const role = document.querySelector<HTMLMetaElement>('meta[name="chokepoint-present"]')?.content;
  return role === 'audience' || role === 'presenter' ? role : undefined;
}
