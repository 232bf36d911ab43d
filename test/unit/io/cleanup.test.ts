import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { stopChildren, stopOnInterrupt } from '../../../src/io/cleanup.js';

// A cancelled run must stop the processes it started, not only remove its files: the whole process
// group of a registered child (the docker CLI and the buildx plugin it starts), then SIGKILL for one
// that ignores SIGTERM.

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
// A process that has exited but was not yet reaped by its parent is a zombie: stopped all the same.
const running = async (pid: number) => alive(pid) && !/^\d+ \([^)]*\) Z/.test(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '0 (x) Z'));

/** Polls (a loaded machine may take a moment to run a killed process's exit) for up to `ms`. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (!(await running(pid))) return true;
  return !(await running(pid));
}

async function startGroup(script: string): Promise<{ leader: ReturnType<typeof spawn>; grandchild: number }> {
  const leader = spawn('sh', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  const grandchild = await new Promise<number>((resolve) => leader.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
  return { leader, grandchild };
}

it('stops a registered child and the processes in its group', async () => {
  const { leader, grandchild } = await startGroup('sleep 1000 & echo $!; wait');
  stopOnInterrupt(leader);
  expect(await running(grandchild)).toBe(true);
  await stopChildren(2000);
  expect(leader.exitCode !== null || leader.signalCode !== null).toBe(true);
  expect(await goneWithin(grandchild, 5000)).toBe(true);
});

it('kills a child that ignores SIGTERM after the grace period', async () => {
  const { leader, grandchild } = await startGroup("trap '' TERM; sleep 1000 & echo $!; while :; do wait; done");
  stopOnInterrupt(leader);
  const started = Date.now();
  await stopChildren(300);
  expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  expect(leader.signalCode).toBe('SIGKILL');
  expect(await goneWithin(grandchild, 5000)).toBe(true);
});

it('forgets a child once it has exited', async () => {
  const child = spawn('true', [], { detached: true, stdio: 'ignore' });
  stopOnInterrupt(child);
  await new Promise((r) => child.once('exit', r));
  const started = Date.now();
  await stopChildren(5000);
  expect(Date.now() - started).toBeLessThan(1000);
});
