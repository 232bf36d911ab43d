// A proxy on 127.0.0.1 in front of the test S3 server (moto) that (a) gives it S3's conditional-write
// semantics, which moto lacks for CompleteMultipartUpload: `If-None-Match: *` on PutObject and on
// CompleteMultipartUpload answers 412 when the key exists, decided atomically per key (writes to one
// key pass one at a time, the existence check and the write together); and (b) injects the faults a
// real network and S3 produce: throttling (503 SlowDown), connection resets, bodies cut mid-way, lost
// answers (the request takes effect, the client never hears back), and delays.
import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one request is, as far as the faults care. */
export interface S3Request {
  method: string;
  bucket: string;
  key: string;
  /** CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, PutObject, GetObject, HeadObject, ListMultipartUploads, … */
  operation: string;
  headers: IncomingMessage['headers'];
}

export type Fault =
  | { kind: 'slow-down' }
  | { kind: 'reset' }
  | { kind: 'cut-body'; afterBytes: number }
  | { kind: 'lose-answer' }
  | { kind: 'delay'; ms: number };

export interface FaultRule {
  match: (request: S3Request) => boolean;
  fault: Fault;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

export interface S3FaultProxy {
  endpoint: string;
  /** Every request seen, in order. */
  readonly seen: S3Request[];
  /** Adds rules; each applies to its next `times` matching requests. */
  inject(...rules: FaultRule[]): void;
  /** Called for every request as it arrives. */
  onRequest?: (request: S3Request) => void;
  close(): Promise<void>;
}

function operationOf(method: string, key: string, query: URLSearchParams): string {
  if (method === 'POST' && query.has('uploads')) return 'CreateMultipartUpload';
  if (method === 'POST' && query.has('uploadId')) return 'CompleteMultipartUpload';
  if (method === 'PUT' && query.has('uploadId')) return 'UploadPart';
  if (method === 'DELETE' && query.has('uploadId')) return 'AbortMultipartUpload';
  if (method === 'GET' && query.has('uploads')) return 'ListMultipartUploads';
  if (method === 'GET' && key === '') return 'ListObjects';
  const plain: Record<string, string> = { PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' };
  return plain[method] ?? method;
}

const PRECONDITION_FAILED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
  '<Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>';
const SLOW_DOWN = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';

export async function startS3FaultProxy(upstream: string): Promise<S3FaultProxy> {
  const target = new URL(upstream);
  const rules: (FaultRule & { left: number })[] = [];
  const locks = new Map<string, Promise<void>>();

  /** Runs `fn` alone for `name` (a per-key mutex). */
  async function exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const before = locks.get(name) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const chained = before.then(() => mine);
    locks.set(name, chained);
    await before;
    try {
      return await fn();
    } finally {
      release();
      if (locks.get(name) === chained) locks.delete(name);
    }
  }

  function upstreamRequest(method: string, path: string, headers: IncomingMessage['headers']): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: target.hostname, port: target.port, method, path, headers }, resolve);
      req.on('error', reject);
      req.end();
    });
  }

  /** Does the key exist upstream? (HEAD with the client's credentials is not needed: moto accepts any.) */
  async function exists(bucket: string, key: string): Promise<boolean> {
    const res = await upstreamRequest('HEAD', `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`, { host: target.host });
    res.resume();
    return res.statusCode === 200;
  }

  /** Forwards the request; resolves when the answer has been passed on (or cut, or lost). */
  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, fault: Fault | undefined): Promise<void> {
    return new Promise((resolve) => {
      const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        if (fault?.kind === 'lose-answer') {
          answer.resume();
          answer.on('end', () => {
            req.socket.destroy();
            resolve();
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (fault?.kind === 'cut-body') {
          let sent = 0;
          answer.on('data', (chunk: Buffer) => {
            const room = fault.afterBytes - sent;
            if (room > 0) res.write(chunk.subarray(0, room));
            sent += chunk.length;
            if (sent >= fault.afterBytes) {
              answer.destroy();
              req.socket.destroy();
              resolve();
            }
          });
          answer.on('end', () => {
            res.end();
            resolve();
          });
          return;
        }
        answer.pipe(res);
        answer.on('end', () => resolve());
        answer.on('error', () => resolve());
      });
      up.on('error', () => {
        req.socket.destroy();
        resolve();
      });
      up.end(body);
    });
  }

  const proxy: S3FaultProxy = {
    endpoint: '',
    seen: [],
    inject: (...added) => rules.push(...added.map((r) => ({ ...r, left: r.times ?? 1 }))),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://proxy');
        const [bucket = '', ...rest] = url.pathname.slice(1).split('/');
        const key = rest.map(decodeURIComponent).join('/');
        const seen: S3Request = { method: req.method ?? 'GET', bucket, key, operation: operationOf(req.method ?? 'GET', key, url.searchParams), headers: req.headers };
        proxy.seen.push(seen);
        proxy.onRequest?.(seen);
        const rule = rules.find((r) => r.left > 0 && r.match(seen));
        if (rule) rule.left--;
        const fault = rule?.fault;
        if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
        if (fault?.kind === 'slow-down') {
          res.writeHead(503, { 'content-type': 'application/xml' }).end(SLOW_DOWN);
          return;
        }
        if (fault?.kind === 'reset') {
          req.socket.destroy();
          return;
        }
        const body = Buffer.concat(chunks);
        const conditional = req.headers['if-none-match'] === '*' && (seen.operation === 'PutObject' || seen.operation === 'CompleteMultipartUpload');
        if (!conditional) return forward(req, res, body, fault);
        await exclusive(`${bucket}/${key}`, async () => {
          if (await exists(bucket, key)) {
            res.writeHead(412, { 'content-type': 'application/xml' }).end(PRECONDITION_FAILED);
            return;
          }
          await forward(req, res, body, fault);
        });
      })().catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
