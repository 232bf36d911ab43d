// Test EIFs for the store: written with the project's writer, measured independently here
// (PCR = SHA384(48 zero bytes ‖ SHA384(content)), eif-format.md §2) for the measurements file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach } from 'vitest';
import { writeEif } from '../../src/eif/index.js';

const pcr = (...parts: Uint8Array[]) => {
  const inner = createHash('sha384');
  for (const part of parts) inner.update(part);
  return createHash('sha384').update(Buffer.alloc(48)).update(inner.digest()).digest('hex');
};

export interface TestImage {
  eifPath: string;
  measurementsPath: string;
  pcrs: { PCR0: string; PCR1: string; PCR2: string };
  /** 64 hex, no 0x: SHA-256 of the raw PCR0‖PCR1‖PCR2 (dstack.md §1). */
  hash: string;
}

/**
 * Writes `<dir>/<name>.eif` and `<dir>/<name>.measurements.json`. `customerSize` sets the size of the
 * customer ramdisk (random bytes from `seed`); `metadata` changes the file but not the PCRs.
 */
export async function makeImage(dir: string, name: string, options: { customerSize?: number; seed?: Buffer; metadata?: string } = {}): Promise<TestImage> {
  const kernel = Buffer.from('KERNEL');
  const cmdline = Buffer.from('console=ttyS0');
  const bootstrap = Buffer.from('BOOTSTRAP-RAMDISK');
  const customer = options.seed ?? randomBytes(options.customerSize ?? 4096);
  const eifPath = join(dir, `${name}.eif`);
  await writeEif({ outputPath: eifPath, arch: 'x86_64', kernel, cmdline: 'console=ttyS0', metadata: options.metadata ?? '{}', ramdisks: [bootstrap, customer] });
  const pcrs = { PCR0: pcr(kernel, cmdline, bootstrap, customer), PCR1: pcr(kernel, cmdline, bootstrap), PCR2: pcr(customer) };
  const measurementsPath = join(dir, `${name}.measurements.json`);
  await writeFile(measurementsPath, `${JSON.stringify({ Measurements: { HashAlgorithm: 'Sha384 { ... }', ...pcrs } }, null, 2)}\n`);
  const raw = Buffer.concat([pcrs.PCR0, pcrs.PCR1, pcrs.PCR2].map((p) => Buffer.from(p, 'hex')));
  return { eifPath, measurementsPath, pcrs, hash: createHash('sha256').update(raw).digest('hex') };
}

/**
 * Gives every test of the calling file a fresh directory holding one test image (`app`), through
 * `use`; the directories are removed after the file's tests.
 */
export function eachTestImage(use: (dir: string, image: TestImage) => void): void {
  const dirs: string[] = [];
  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nitro-cli-store-'));
    dirs.push(dir);
    use(dir, await makeImage(dir, 'app'));
  });
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
}
