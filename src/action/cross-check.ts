import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { runProcess } from '../build/docker-build.js';
import type { Pcrs } from '../eif/types.js';
import { UserError, VerificationError } from '../errors.js';
import { packLayout } from '../image/layout-tar.js';

// Optional second opinion: nitro-cli builds the same image through Docker and linuxkit; its PCR0–2
// must equal the native build's. Asked for explicitly, so a missing nitro-cli is a failure.

export interface CrossCheckResult {
  readonly nitroCliPcrs: Pcrs;
  readonly imageRef: string;
}

/** Finds `name` on PATH, or undefined. */
export async function which(name: string, path = process.env['PATH'] ?? ''): Promise<string | undefined> {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

/** Loads the OCI layout into Docker (streamed as an archive), runs `nitro-cli build-enclave` on it, compares PCR0–2. */
export async function crossCheckWithNitroCli(ociLayout: string, ours: Pcrs, outputFile: string, log: (s: string) => void): Promise<CrossCheckResult> {
  const nitroCli = await which('nitro-cli');
  if (!nitroCli) throw new UserError('input cross-check-nitro-cli: nitro-cli is not on PATH (install aws-nitro-enclaves-cli or set cross-check-nitro-cli: false)');
  const env = process.env;
  const loaded = await runProcess({ command: 'docker', args: ['load'], env: {} }, { env, onOutput: log, stdin: packLayout(ociLayout) });
  const id = /Loaded image(?: ID)?: (\S+)/.exec(loaded)?.[1];
  if (!id) throw new UserError(`docker load ${ociLayout}: could not read the loaded image from: ${loaded.trim()}`, { code: 'external' });
  const imageRef = `nitro-eif-cross-check:${id.replace(/^sha256:/, '').replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64)}`;
  await runProcess({ command: 'docker', args: ['tag', id, imageRef], env: {} }, { env, onOutput: log });
  const stdout = await runProcess({ command: nitroCli, args: ['build-enclave', '--docker-uri', imageRef, '--output-file', outputFile], env: {} }, { env });
  const theirs = parseNitroCliMeasurements(stdout);
  const differing = (['PCR0', 'PCR1', 'PCR2'] as const).filter((n) => theirs[n] !== ours[n]);
  if (differing.length > 0) {
    const detail = differing.map((n) => `${n} nitro-cli ${theirs[n]} vs native ${ours[n]}`).join('; ');
    throw new VerificationError(`cross-check-nitro-cli: ${differing.join(', ')} differ: ${detail}`);
  }
  return { nitroCliPcrs: theirs, imageRef };
}

/** Reads `{"Measurements": {"PCR0": …}}` from nitro-cli's stdout (log lines around it are ignored). */
export function parseNitroCliMeasurements(stdout: string): Pcrs {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  let value: { Measurements?: Record<string, unknown> } | undefined;
  try {
    value = start >= 0 ? JSON.parse(stdout.slice(start, end + 1)) : undefined;
  } catch {
    value = undefined;
  }
  const m = value?.Measurements;
  const pcr = (name: string): string => {
    const v = m?.[name];
    if (typeof v !== 'string' || !/^[0-9a-fA-F]{96}$/.test(v)) throw new UserError(`nitro-cli build-enclave printed no ${name} in its Measurements JSON`, { code: 'external' });
    return v.toLowerCase();
  };
  return { PCR0: pcr('PCR0'), PCR1: pcr('PCR1'), PCR2: pcr('PCR2') };
}
