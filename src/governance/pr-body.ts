// The registration pull request's text: what is added, from which build, and the exact command a
// reviewer runs to check it before merging. Pure function of its inputs.
import type { Pcrs } from '../eif/types.js';
import type { BatchFile } from './safe-batch.js';

export interface RegistrationEvidence {
  sourceRepository?: string;
  sourceCommit?: string;
  /** Link to the provenance (attestation page, Rekor entry, or the stored bundle). */
  provenanceUrl?: string;
  /** Link to the CI run that built the image. */
  buildUrl?: string;
  eifUri?: string;
  /** Store the reviewer pulls from (s3://…, file://… or a path). */
  storeUri?: string;
  certificateIdentity?: string;
  certificateOidcIssuer?: string;
  /** Path (in the reviewer's checkout) of the public key for key-signed provenance. */
  publicKeyPath?: string;
}

export interface PrBodyInput {
  mode: 'auth-simple' | 'onchain';
  hashBytes32: string;
  pcrs?: Pcrs;
  file: string;
  evidence: RegistrationEvidence;
  batch?: BatchFile;
  appId?: string;
  warnings: string[];
  /** The machine-readable build facts file the pull request adds (for the registry's verify action). */
  factsFile?: string;
}

const code = (text: string) => `\`${text}\``;

/** The shell-quoted `nitro-eif pull` a reviewer runs (single quotes; values never interpolated). */
export function pullCommand(hashBytes32: string, evidence: RegistrationEvidence): string {
  const q = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  const parts = ['nitro-eif pull', hashBytes32, '--store', q(evidence.storeUri ?? '<store-uri>'), '--output-file enclave.eif'];
  if (evidence.certificateIdentity) {
    parts.push('--certificate-identity', q(evidence.certificateIdentity));
    parts.push('--certificate-oidc-issuer', q(evidence.certificateOidcIssuer ?? 'https://token.actions.githubusercontent.com'));
    parts.push('--trusted-root trusted_root.json');
  } else if (evidence.publicKeyPath) {
    parts.push('--key', q(evidence.publicKeyPath));
  }
  return parts.join(' ');
}

function measurementTable(input: PrBodyInput): string[] {
  const rows = ['| Measurement | Value |', '|---|---|'];
  if (input.pcrs) for (const pcr of ['PCR0', 'PCR1', 'PCR2'] as const) rows.push(`| ${pcr} | ${code(input.pcrs[pcr])} |`);
  rows.push(`| OS_IMAGE_HASH | ${code(input.hashBytes32)} |`);
  if (!input.pcrs) rows.push('', '_PCR values were not given to the registration step; `nitro-eif pull` below prints them._');
  return rows;
}

function evidenceLines(evidence: RegistrationEvidence): string[] {
  const lines: string[] = [];
  const commit = evidence.sourceCommit;
  if (commit) {
    const link = evidence.sourceRepository ? ` (${evidence.sourceRepository.replace(/\/+$/, '')}/commit/${commit})` : '';
    lines.push(`- Source commit: ${code(commit)}${link}`);
  }
  if (evidence.buildUrl) lines.push(`- Build: ${evidence.buildUrl}`);
  if (evidence.provenanceUrl) lines.push(`- Provenance: ${evidence.provenanceUrl}`);
  if (evidence.eifUri) lines.push(`- EIF: ${code(evidence.eifUri)}`);
  return lines.length ? lines : ['- _No build evidence was given._'];
}

function changeLines(input: PrBodyInput): string[] {
  if (input.mode === 'auth-simple') {
    const app = input.appId ? ` and to ${code(`apps.${input.appId}.composeHashes`)}` : '';
    return [`Adds the hash to ${code('osImages')}${app} in ${code(input.file)} (dstack auth-simple).`];
  }
  const lines = [
    `Adds ${code(input.file)}, a Safe Transaction Builder batch (chain ${input.batch?.chainId ?? '?'}) for the owner multisig:`,
    '',
  ];
  for (const tx of input.batch?.transactions ?? []) {
    lines.push(`- ${code(`${tx.contractMethod.name}(${input.hashBytes32})`)} on ${code(tx.to)} — data ${code(tx.data ?? '')}`);
  }
  lines.push('', 'Import it in the Safe web app (Apps → Transaction Builder → drag the file), review and sign. Read back with',
    `${code('allowedOsImages(bytes32)')} / ${code('allowedComposeHashes(bytes32)')} once executed.`);
  return lines;
}

export function renderPrBody(input: PrBodyInput): string {
  const lines = [
    `## Register Nitro OS image ${code(input.hashBytes32)}`,
    '',
    ...changeLines(input),
    '',
    ...measurementTable(input),
    '',
    'OS_IMAGE_HASH = SHA-256 of the 144 raw bytes PCR0 ‖ PCR1 ‖ PCR2, as the dstack KMS computes it ' +
      '(not `sha256sum` of the hex text).',
    '',
    '### Build evidence',
    ...evidenceLines(input.evidence),
    ...(input.factsFile ? [`- Build facts (read by the registry's verify action): ${code(input.factsFile)}`] : []),
    '',
    '### Verify before merging',
    '```sh',
    pullCommand(input.hashBytes32, input.evidence),
    '```',
    ...(input.evidence.certificateIdentity
      ? ['`trusted_root.json` is Sigstore\'s public-good trusted root (e.g. `cosign trusted-root create` or the Sigstore TUF repository).', '']
      : []),
    '`pull` downloads the EIF, recomputes PCR0–2 and the OS_IMAGE_HASH from its bytes, checks them against this hash ' +
      'and the stored measurements, verifies the provenance when an identity is given, and exits non-zero on any mismatch.',
  ];
  if (input.warnings.length) lines.push('', '### Warnings', ...input.warnings.map((w) => `- ${w}`));
  lines.push('', `<!-- nitro-eif:register os-image-hash=${input.hashBytes32} -->`);
  return lines.join('\n') + '\n';
}
