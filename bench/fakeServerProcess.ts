// The fake Anthropic server with the scripted implementer, in a process of its own: its request log and cache
// model stay out of the measured process's heap and event loop. Protocol (IPC): it sends
// { type: 'ready', baseURL }; on { type: 'stop' } it answers { type: 'stopped', ...ServerStats } and exits.
import { fork } from 'node:child_process';
import { FakeAnthropicServer } from '../test/fakes/fakeAnthropicServer';
import { scriptedImplementer } from '../test/fakes/scriptedImplementer';
import { wallClockMs } from './stats';

export interface ServerStats {
  /** Wall-clock ms (performance.timeOrigin based) when each request arrived, by request index. */
  arrivals: number[];
  requests: number;
  /** Input tokens of the largest request (the transcript at its longest). */
  largestRequestTokens: number;
}

type ToServer = { type: 'stop' };
type FromServer = { type: 'ready'; baseURL: string } | ({ type: 'stopped' } & ServerStats);

export interface ServerHandle {
  baseURL: string;
  stop(): Promise<ServerStats>;
}

/** Starts the server process; `fileLines` is the scripted implementer's size of each created file. */
export function startFakeServerProcess(fileLines: number): Promise<ServerHandle> {
  const child = fork(__filename, [String(fileLines)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fake server process exited with code ${code}`)));
    child.once('message', (m: FromServer) => {
      if (m.type !== 'ready') return reject(new Error('the fake server process did not start'));
      resolve({
        baseURL: m.baseURL,
        stop: () =>
          new Promise<ServerStats>((done, fail) => {
            child.removeAllListeners('exit');
            child.once('exit', (code) => fail(new Error(`the fake server process exited with code ${code} before reporting`)));
            child.once('message', (s: FromServer) => (s.type === 'stopped' ? done(s) : fail(new Error('unexpected message'))));
            child.send({ type: 'stop' } satisfies ToServer);
          }),
      });
    });
  });
}

async function serve(fileLines: number): Promise<void> {
  const server = new FakeAnthropicServer();
  server.respondWith(scriptedImplementer({ fileLines }));
  const arrivals: number[] = [];
  const watch = (n: number): void => {
    void server.waitForRequests(n).then(() => {
      arrivals[n - 1] = wallClockMs();
      watch(n + 1);
    });
  };
  watch(1);
  const baseURL = await server.start();
  process.on('message', (m: ToServer) => {
    if (m.type !== 'stop') return;
    void server.stop().then(() => {
      const stats: FromServer = {
        type: 'stopped',
        arrivals,
        requests: server.messageRequests.length,
        largestRequestTokens: Math.max(0, ...server.messageRequests.map((r) => r.accounting?.totalInputTokens ?? 0)),
      };
      process.send?.(stats, () => process.exit(0));
    });
  });
  process.send?.({ type: 'ready', baseURL } satisfies FromServer);
}

if (require.main === module) {
  serve(Number(process.argv[2] ?? 80)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
