// Platform strings (`os/arch[/variant]`) and matching, as `--platform` is used by docker.

import { UserError } from '../errors.js';
import { platformString, type Platform } from './oci-schema.js';

const ARCH_ALIASES: Readonly<Record<string, string>> = { x86_64: 'amd64', aarch64: 'arm64' };

export function parsePlatform(text: string): Platform {
  const [os, arch, variant, extra] = text.trim().split('/');
  if (!os || !arch || extra !== undefined) {
    throw new UserError(`--platform ${JSON.stringify(text)}: expected os/arch[/variant], e.g. linux/amd64`, { code: 'usage' });
  }
  const architecture = ARCH_ALIASES[arch] ?? arch;
  return { os, architecture, ...(variant ? { variant } : {}) };
}

/** arm64's default variant is v8: `linux/arm64` and `linux/arm64/v8` are the same platform. */
function normalVariant(p: Platform): string | undefined {
  return p.architecture === 'arm64' && p.variant === 'v8' ? undefined : p.variant;
}

/** `os/arch[/variant]` with arm64's default variant left out: one string for one platform. */
export function normalPlatform(text: string): string {
  const p = parsePlatform(text);
  const variant = normalVariant(p);
  return platformString({ os: p.os, architecture: p.architecture, ...(variant ? { variant } : {}) });
}

export function platformMatches(want: Platform, have: Platform): boolean {
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  return want.variant === undefined || normalVariant(want) === normalVariant(have);
}

/** Picks the one candidate for `wanted` (or the only candidate), else a UserError listing the choices. */
export function choosePlatform<T extends { platform: Platform }>(candidates: T[], wanted: string | undefined, source: string): T {
  const choices = candidates.map((c) => platformString(c.platform)).join(', ');
  if (candidates.length === 0) throw new UserError(`${source}: no image manifest found`, { code: 'not-found' });
  if (wanted === undefined) {
    if (candidates.length === 1) return candidates[0] as T;
    throw new UserError(`${source}: the image has several platforms (${choices}); choose one with --platform`, { code: 'usage' });
  }
  const want = parsePlatform(wanted);
  const matches = candidates.filter((c) => platformMatches(want, c.platform));
  if (matches.length === 1) return matches[0] as T;
  if (matches.length === 0) {
    throw new UserError(`${source}: no image for platform ${wanted} (the image has: ${choices})`, { code: 'not-found' });
  }
  throw new UserError(`${source}: several images match platform ${wanted} (${choices}); add the variant`, { code: 'usage' });
}
