// The sandbox's only way out when devBackend.commands.allowedDomains names hosts: an HTTP proxy on a Unix
// socket (bound into the sandbox, which has no network of its own) that lets through CONNECT and plain
// requests to the allowed hosts only. Inside, socat turns the socket into 127.0.0.1:3128 for HTTP(S)_PROXY.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';

const INSIDE_PORT = 3128;

/** True when `host` is an allowed domain or (for "*.example.com") one of its subdomains. */
export function isAllowedHost(host: string, domains: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return domains.some((raw) => {
    const domain = raw.toLowerCase().trim();
    if (domain.startsWith('*.')) return name.endsWith(domain.slice(1));
    return name === domain;
  });
}

export class NetworkProxy {
  private constructor(
    private readonly server: Server,
    readonly socketDir: string,
  ) {}

  static async start(domains: readonly string[]): Promise<NetworkProxy> {
    const socketDir = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-proxy-'));
    const server = createServer((req, res) => forward(req, res, domains));
    server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => tunnel(req, client, head, domains));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(nodePath.join(socketDir, 'proxy.sock'), resolve);
    });
    return new NetworkProxy(server, socketDir);
  }

  get socketPath(): string {
    return nodePath.join(this.socketDir, 'proxy.sock');
  }

  /** The proxy variables a command sees. */
  get env(): Record<string, string> {
    const url = `http://127.0.0.1:${INSIDE_PORT}`;
    return { HTTP_PROXY: url, HTTPS_PROXY: url, http_proxy: url, https_proxy: url, NO_PROXY: '', no_proxy: '' };
  }

  /** The shell wrapped so that socat serves the proxy inside the sandbox first. */
  wrap(shell: readonly string[]): string[] {
    const script =
      `socat TCP-LISTEN:${INSIDE_PORT},bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:"$1" & ` +
      `i=0; while [ $i -lt 50 ] && ! (exec 3<>/dev/tcp/127.0.0.1/${INSIDE_PORT}) 2>/dev/null; do sleep 0.02; i=$((i+1)); done; shift; exec "$@"`;
    return ['bash', '-c', script, 'bash', this.socketPath, ...shell];
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await rm(this.socketDir, { recursive: true, force: true });
  }
}

function tunnel(req: IncomingMessage, client: Socket, head: Buffer, domains: readonly string[]): void {
  const [host = '', portText = '443'] = (req.url ?? '').split(/:(?=\d+$)/);
  if (!isAllowedHost(host, domains)) {
    client.end(`HTTP/1.1 403 Forbidden\r\n\r\n${host} is not in devBackend.commands.allowedDomains\n`);
    return;
  }
  const upstream = connect(Number(portText), host, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  client.on('error', () => upstream.destroy());
}

function forward(req: IncomingMessage, res: ServerResponse, domains: readonly string[]): void {
  let target: URL;
  try {
    target = new URL(req.url ?? '');
  } catch {
    res.writeHead(400).end('The sandbox proxy needs an absolute URL.\n');
    return;
  }
  if (target.protocol !== 'http:' || !isAllowedHost(target.hostname, domains)) {
    res.writeHead(403).end(`${target.hostname} is not in devBackend.commands.allowedDomains\n`);
    return;
  }
  const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}
