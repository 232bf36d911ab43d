import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The action's code as it ran: dist/index.js and the chunks it loads on demand (dist/action-chunks/).
// One SHA-256 over `sha256sum`'s listing of those files, so anyone can recompute it from a checkout of
// the action:   cd dist && LC_ALL=C sha256sum index.js action-chunks/*.js | sha256sum

const ENTRY = 'index.js';
const CHUNKS = 'action-chunks';

/** The digest of the bundle this module belongs to; undefined when not running from the bundle (tests from source). */
export async function actionCodeDigest(moduleUrl: string = import.meta.url): Promise<string | undefined> {
  const here = dirname(fileURLToPath(moduleUrl));
  // Shared code may sit in a chunk: the bundle's root is then the chunk folder's parent.
  const dist = basename(here) === CHUNKS ? dirname(here) : here;
  const entry = await sha256Of(join(dist, ENTRY));
  if (entry === undefined) return undefined;
  const chunks = (await readdir(join(dist, CHUNKS)).catch(() => [] as string[])).filter((name) => name.endsWith('.js')).sort(byBytes);
  let listing = `${entry}  ${ENTRY}\n`;
  for (const name of chunks) {
    const digest = await sha256Of(join(dist, CHUNKS, name));
    if (digest === undefined) return undefined;
    listing += `${digest}  ${CHUNKS}/${name}\n`;
  }
  return createHash('sha256').update(listing).digest('hex');
}

async function sha256Of(path: string): Promise<string | undefined> {
  const code = await readFile(path).catch(() => undefined);
  return code && createHash('sha256').update(code).digest('hex');
}

/** The C locale's order (what `LC_ALL=C` globbing gives). */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
