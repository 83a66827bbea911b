import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { mediaType } from '../node/media-types.ts';

/**
 * Sends one regular file, or 404 for anything else (a folder, a FIFO, a missing file). Every stream has an
 * error handler: one request for a folder or an unreadable file must never take the server down.
 */
export function serveFile(res: ServerResponse, file: string): void {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return notFound(res);
    size = st.size;
  } catch {
    return notFound(res);
  }
  const stream = createReadStream(file);
  stream.on('error', () => {
    if (!res.headersSent) notFound(res);
    else res.destroy();
  });
  stream.once('open', () => {
    res.setHeader('Content-Type', mediaType(file));
    res.setHeader('Content-Length', size);
    res.setHeader('Cache-Control', 'no-cache');
    stream.pipe(res);
  });
  res.on('close', () => stream.destroy());
}

export function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('Not found');
}
