// A local node:http stand-in for the GitHub pulls API (list, create, update), recording requests.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
}

export interface FakeGitHub {
  baseUrl: string;
  pulls: FakePull[];
  requests: { method: string; url: string; authorization?: string }[];
  /** Makes the next pull listing come back empty (another run creating the PR meanwhile). */
  hideNextListing: boolean;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

function toApi(pull: FakePull, owner: string, repo: string, baseUrl: string) {
  return {
    number: pull.number, state: pull.state, title: pull.title, body: pull.body,
    html_url: `${baseUrl}/${owner}/${repo}/pull/${pull.number}`,
    head: { ref: pull.head, label: `${owner}:${pull.head}` }, base: { ref: pull.base },
  };
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const pulls: FakePull[] = [];
  const requests: FakeGitHub['requests'] = [];
  let baseUrl = '';
  const fake: FakeGitHub = {
    baseUrl, pulls, requests, hideNextListing: false,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
      const url = new URL(req.url ?? '/', baseUrl);
      const match = /^\/repos\/([^/]+)\/([^/]+)\/pulls(?:\/(\d+))?$/.exec(url.pathname);
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      if (!match) return send(404, { message: 'Not Found' });
      const [, owner, repo, number] = match as unknown as [string, string, string, string | undefined];
      if (req.method === 'GET' && !number) {
        const head = url.searchParams.get('head');
        const state = url.searchParams.get('state') ?? 'open';
        if (fake.hideNextListing) {
          fake.hideNextListing = false;
          return send(200, []);
        }
        const found = pulls.filter((p) => `${owner}:${p.head}` === head && (state === 'all' || p.state === state));
        return send(200, found.map((p) => toApi(p, owner, repo, baseUrl)));
      }
      const body = await readBody(req);
      if (req.method === 'POST' && !number) {
        if (pulls.some((p) => p.head === body['head'] && p.state === 'open')) return send(422, { message: 'A pull request already exists' });
        const pull: FakePull = { number: pulls.length + 1, head: body['head']!, base: body['base']!, title: body['title']!, body: body['body']!, state: 'open' };
        pulls.push(pull);
        return send(201, toApi(pull, owner, repo, baseUrl));
      }
      const pull = pulls.find((p) => p.number === Number(number));
      if (req.method === 'PATCH' && pull) {
        Object.assign(pull, { title: body['title'] ?? pull.title, body: body['body'] ?? pull.body });
        return send(200, toApi(pull, owner, repo, baseUrl));
      }
      return send(404, { message: 'Not Found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.baseUrl = baseUrl;
  return fake;
}
