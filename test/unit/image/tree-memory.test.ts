// Live memory of the packed tree (src/image/tree.ts) per entry, measured after forced collections
// in a file of its own (no other test's objects around to be collected during the measurement).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { NONE, Tree } from '../../../src/image/tree.js';

it('holds 100,000 entries in under 100 bytes each of live memory (the object tree took about 190)', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const ENTRIES = 100_000;
  const collect = (): NodeJS.MemoryUsage => {
    gc();
    gc();
    return process.memoryUsage();
  };
  const before = collect();
  const tree = new Tree({ mode: 0o755, uid: 0, gid: 0, mtime: 0 });
  for (let i = 0; i < ENTRIES; i++) {
    tree.setLeaf([`d${Math.floor(i / 1000)}`, `f${i % 1000}`], { kind: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, size: 0, dataOffset: 0, crc32: 0 }, 0);
  }
  const after = collect();
  // Typed arrays and buffers count in arrayBuffers, objects and strings in heapUsed.
  const perEntry = (after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers)) / ENTRIES;
  expect(tree.find(['d99', 'f999'])).not.toBe(NONE);
  expect(perEntry, 'live bytes per entry').toBeLessThan(100);
});
