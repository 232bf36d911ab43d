import { type BuildFacts, PCR_NAMES, type PcrName } from './facts.js';
import { describeChanges, type FileDiff } from './manifest-diff.js';

// Turns two builds' facts (and, when both manifests are known, their file diff) into a review: which
// registers changed and why, in the terms of what feeds each register (spec/eif-format.md §2):
// PCR1 = kernel ‖ cmdline ‖ bootstrap ramdisk (init, nsm.ko); PCR2 = the customer ramdisk (the image's
// files); PCR0 = both; PCR8 = the signing certificate.

export interface RegisterChange {
  readonly pcr: PcrName;
  readonly before?: string;
  readonly after?: string;
  /** Human-readable causes, most specific first. */
  readonly reasons: readonly string[];
}

export interface Review {
  /** True when no register (and so not OS_IMAGE_HASH) changed. */
  readonly unchanged: boolean;
  readonly changes: readonly RegisterChange[];
  readonly osImageHash: { readonly before?: string; readonly after?: string; readonly changed: boolean };
  /** File-level differences, when both manifests were available (the first ones listed, and counts). */
  readonly files?: FileDiff;
}

/** Compares `before` (e.g. the lock file) with `after` (this build). */
export function explainChanges(before: BuildFacts, after: BuildFacts, files?: FileDiff): Review {
  const changes: RegisterChange[] = [];
  for (const pcr of PCR_NAMES) {
    const a = before.pcrs[pcr];
    const b = after.pcrs[pcr];
    if (a === b) continue;
    changes.push({ pcr, before: a, after: b, reasons: reasonsFor(pcr, before, after, files) });
  }
  const osChanged = changes.some((c) => c.pcr !== 'PCR8');
  return {
    unchanged: changes.length === 0,
    changes,
    osImageHash: { before: before.osImageHash, after: after.osImageHash, changed: osChanged },
    files,
  };
}

function reasonsFor(pcr: PcrName, before: BuildFacts, after: BuildFacts, files?: FileDiff): string[] {
  switch (pcr) {
    case 'PCR0':
      return ['PCR0 covers the kernel, cmdline and both ramdisks: it follows PCR1 and PCR2'];
    case 'PCR1':
      return bootstrapReasons(before, after);
    case 'PCR2':
      return customerReasons(before, after, files);
    case 'PCR8':
      return [after.pcrs.PCR8 === undefined ? 'the EIF is no longer signed' : before.pcrs.PCR8 === undefined
        ? 'the EIF is now signed' : 'the signing certificate changed'];
  }
}

function bootstrapReasons(before: BuildFacts, after: BuildFacts): string[] {
  const reasons = changedBlobs(before.blobs, after.blobs).map((name) => `blob ${name} changed (${short(before.blobs?.[name])} → ${short(after.blobs?.[name])})`);
  if (reasons.length > 0) return reasons;
  if (before.blobs && after.blobs) return ['the kernel, cmdline or bootstrap ramdisk changed although the blob hashes did not (builder version?)'];
  return ['the kernel, cmdline or bootstrap blobs (init, nsm.ko) changed (blob hashes not recorded on both sides)'];
}

function changedBlobs(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): string[] {
  if (!a || !b) return [];
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.filter((n) => a[n] !== b[n]);
}

function customerReasons(before: BuildFacts, after: BuildFacts, files?: FileDiff): string[] {
  const reasons: string[] = [];
  if (before.dstackUtil !== after.dstackUtil) {
    reasons.push(`dstack-util changed (sha256 ${short(before.dstackUtil)} → ${short(after.dstackUtil)})`);
  }
  const oldBases = before.baseImages?.join(', ');
  const newBases = after.baseImages?.join(', ');
  if (oldBases !== undefined && newBases !== undefined && oldBases !== newBases) reasons.push(`base images changed: ${oldBases} → ${newBases}`);
  if (files) {
    if (files.total === 0) reasons.push('no file differs in the manifests: the cmd or env of the image changed');
    else reasons.push(`${files.total} file(s) differ in the customer ramdisk:`, ...describeChanges(files));
  } else {
    reasons.push('the image files (customer ramdisk) changed; the previous manifest is not available to say which');
  }
  return reasons;
}

function short(hex: string | undefined): string {
  return hex === undefined ? 'none' : hex.slice(0, 12);
}

/** Plain text for a terminal (`nitro-eif diff`). */
export function renderReviewText(review: Review): string {
  if (review.unchanged) return 'PCR0, PCR1, PCR2 and PCR8 are unchanged; OS_IMAGE_HASH is unchanged.\n';
  const lines: string[] = [];
  for (const change of review.changes) {
    lines.push(`${change.pcr} changed: ${change.before ?? 'none'} → ${change.after ?? 'none'}`);
    for (const reason of change.reasons) lines.push(`  ${reason}`);
  }
  const os = review.osImageHash;
  lines.push(os.changed ? `OS_IMAGE_HASH changed: ${os.before ?? '?'} → ${os.after ?? '?'}` : 'OS_IMAGE_HASH is unchanged');
  return `${lines.join('\n')}\n`;
}

/** Markdown for the job summary and the pull-request comment. */
export function renderReviewMarkdown(review: Review): string {
  if (review.unchanged) return 'No register changed: PCR0–2 (and PCR8) and OS_IMAGE_HASH are the same as the lock file.\n';
  const lines = ['| Register | Before | After |', '|---|---|---|'];
  for (const c of review.changes) lines.push(`| ${c.pcr} | \`${short(c.before)}…\` | \`${short(c.after)}…\` |`);
  const os = review.osImageHash;
  if (os.changed) lines.push(`| OS_IMAGE_HASH | \`${os.before ?? '?'}\` | \`${os.after ?? '?'}\` |`);
  lines.push('');
  for (const c of review.changes) {
    lines.push(`**${c.pcr}**`);
    for (const reason of c.reasons) lines.push(/^[+~-] /.test(reason) ? `    - \`${reason}\`` : `- ${reason}`);
    lines.push('');
  }
  if (os.changed) lines.push('A new OS_IMAGE_HASH must be registered with the KMS before this image can get keys.');
  return `${lines.join('\n')}\n`;
}
