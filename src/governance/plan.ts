// What a registration changes in the registry repository, given the base branch's file.
import { createHash } from 'node:crypto';
import { UserError, VerificationError } from '../errors.js';
import { osImageHashOfRaw } from '../eif/measurements.js';
import type { Pcrs } from '../eif/types.js';
import { parseHex } from '../io/hex.js';
import { normalizeOsImageHash } from '../store/layout.js';
import { checkAddress } from './abi.js';
import { addOsImage, isRegistered } from './auth-config.js';
import { buildSafeBatch, type BatchFile } from './safe-batch.js';

export type RegisterMode = 'auth-simple' | 'onchain';

export interface TargetOptions {
  mode: RegisterMode;
  registryPath: string;
  appId?: string;
  kmsContract?: string;
  appContract?: string;
  chainId?: number;
  safeAddress?: string;
  /** Batch `createdAt` in ms (from SOURCE_DATE_EPOCH); 0 when not given, for reproducibility. */
  createdAt?: number;
}

export interface PlannedChange {
  /** Path inside the repository. */
  file: string;
  registered: boolean;
  text?: string;
  batch?: BatchFile;
  warnings: string[];
}

// sha256 of 144 zero bytes: the OS_IMAGE_HASH of a debug-mode enclave (PCR0–2 all zero).
const DEBUG_HASH = createHash('sha256').update(new Uint8Array(144)).digest('hex');

/** OS_IMAGE_HASH = SHA-256(raw PCR0 ‖ PCR1 ‖ PCR2) (dstack.md §1), lowercase hex without 0x. */
export function osImageHashOfPcrs(pcrs: Pcrs): string {
  const [pcr0, pcr1, pcr2] = (['PCR0', 'PCR1', 'PCR2'] as const).map((key) => parseHex(pcrs[key], 48, key));
  return osImageHashOfRaw(pcr0!, pcr1!, pcr2!).slice(2);
}

/** Normalises the hash, refuses debug-mode values and checks it against the PCRs when given. */
export function checkRegistrableHash(hash: string, pcrs?: Pcrs): string {
  const h = normalizeOsImageHash(hash);
  if (h === DEBUG_HASH || /^0+$/.test(h) || (pcrs && [pcrs.PCR0, pcrs.PCR1, pcrs.PCR2].every((p) => /^0+$/.test(p)))) {
    throw new UserError(`OS_IMAGE_HASH ${h} is a debug-mode enclave's (PCR0–2 all zero): the KMS refuses it`, { code: 'input' });
  }
  if (pcrs && osImageHashOfPcrs(pcrs) !== h) {
    throw new VerificationError(`OS_IMAGE_HASH ${h} does not match the measurements' PCR0–2 (${osImageHashOfPcrs(pcrs)})`);
  }
  return h;
}

// On Nitro the KMS checks the same hash as the app's compose hash (dstack.md §1).
const NO_APP_WARNING =
  'no app given (--app-id / --app-contract): only the OS image is allowed; an app booting this image also needs the hash among its compose hashes';

/** The file a registration touches: the config file itself, or `<dir>/0x<hash>.json` on chain. */
export function targetFile(options: TargetOptions, hash: string): string {
  const path = options.registryPath.replace(/^\/+/, '');
  if (path === '' || path.split('/').includes('..')) throw new UserError(`--registry-path: invalid path ${JSON.stringify(options.registryPath)}`, { code: 'usage' });
  return options.mode === 'onchain' ? `${path.replace(/\/+$/, '')}/0x${hash}.json` : path;
}

/** Plans the change from the base branch's content of the target file (undefined: absent). */
export function planChange(options: TargetOptions, hash: string, current: string | undefined): PlannedChange {
  const file = targetFile(options, hash);
  const bytes32 = `0x${hash}`;
  if (options.mode === 'auth-simple') {
    if (current === undefined) throw new UserError(`${file}: not found on the registry's base branch`, { code: 'not-found' });
    const appId = options.appId === undefined ? undefined : checkAppId(options.appId);
    if (isRegistered(current, bytes32, appId, file)) return { file, registered: true, warnings: [] };
    const change = addOsImage(current, bytes32, appId, file);
    const warnings = appId ? change.warnings : [...change.warnings, NO_APP_WARNING];
    return { file, registered: false, text: change.text, warnings };
  }
  if (current !== undefined && current.toLowerCase().includes(bytes32)) return { file, registered: true, warnings: [] };
  const batch = onchainBatch(options, bytes32);
  const warnings = options.appContract ? [] : [NO_APP_WARNING];
  return { file, registered: false, batch, text: `${JSON.stringify(batch, null, 2)}\n`, warnings };
}

function onchainBatch(options: TargetOptions, bytes32: string): BatchFile {
  if (!options.kmsContract && !options.appContract) {
    throw new UserError('onchain registration needs --kms-contract and/or --app-contract', { code: 'usage' });
  }
  if (options.chainId === undefined || !Number.isSafeInteger(options.chainId) || options.chainId <= 0) {
    throw new UserError('onchain registration needs --chain-id (a positive integer)', { code: 'usage' });
  }
  return buildSafeBatch({
    hashBytes32: bytes32,
    chainId: options.chainId,
    kmsContract: options.kmsContract && checkAddress(options.kmsContract, '--kms-contract'),
    appContract: options.appContract && checkAddress(options.appContract, '--app-contract'),
    safeAddress: options.safeAddress && checkAddress(options.safeAddress, '--safe-address'),
    createdAt: options.createdAt ?? 0,
    description: `Allow OS_IMAGE_HASH ${bytes32} on the dstack KMS (addOsImageHash) and for the app (addComposeHash).`,
  });
}

/** App ids are 20 bytes; auth-config keys are lowercase with 0x. */
export function checkAppId(value: string): string {
  const text = value.trim().replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(text)) throw new UserError(`--app-id: expected 40 hex digits, got ${JSON.stringify(value)}`, { code: 'usage' });
  return `0x${text}`;
}
