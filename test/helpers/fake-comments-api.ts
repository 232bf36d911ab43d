import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the GitHub REST API's issue comments (list, create, update), on loopback.
export interface FakeComment { id: number; body: string }

export interface FakeCommentsApi {
  readonly url: string;
  readonly comments: FakeComment[];
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startFakeCommentsApi(owner: string, repo: string, issue: number): Promise<FakeCommentsApi> {
  const comments: FakeComment[] = [{ id: 1, body: 'an unrelated comment' }];
  const requests: string[] = [];
  let next = 100;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => { text += c.toString(); });
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      requests.push(`${req.method} ${path} ${req.headers.authorization ?? ''}`);
      const send = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
      if (req.method === 'GET' && path === `/repos/${owner}/${repo}/issues/${issue}/comments`) return send(200, comments);
      if (req.method === 'POST' && path === `/repos/${owner}/${repo}/issues/${issue}/comments`) {
        const comment = { id: next++, body: JSON.parse(text).body as string };
        comments.push(comment);
        return send(201, comment);
      }
      const m = new RegExp(`^/repos/${owner}/${repo}/issues/comments/(\\d+)$`).exec(path ?? '');
      if (req.method === 'PATCH' && m) {
        const comment = comments.find((c) => c.id === Number(m[1]));
        if (!comment) return send(404, { message: 'Not Found' });
        comment.body = JSON.parse(text).body as string;
        return send(200, comment);
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, comments, requests, close: () => new Promise((r) => server.close(() => r())) };
}
