import { connect } from 'node:net';

/**
 * Sends `bytes` as written on a new TCP connection to 127.0.0.1:`port` and resolves with what came back
 * (empty when the server closed without answering) once the server closes or `ms` pass, or, with
 * `head`, as soon as a response head has arrived (a 101 keeps the connection open). Never rejects: a
 * reset connection is an answer too.
 */
export function rawExchange(port: number, bytes: string | Buffer, ms = 2_000, head = false): Promise<string> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    let got = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      done(got);
    };
    const timer = setTimeout(finish, ms);
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      if (head && got.includes('\r\n\r\n')) finish();
    });
    socket.on('connect', () => socket.write(bytes));
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

/** The status code of the first response in `text`, or 0 when there is none. */
export const statusOf = (text: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
