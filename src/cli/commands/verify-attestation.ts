import type { Command } from 'commander';
import { inspectEif, readMeasurements, type Pcrs } from '../../eif/index.js';
import { UserError } from '../../errors.js';
import { readRegularFile } from '../../io/regular-file.js';
import { attestationDocumentBytes, MAX_DOCUMENT_BYTES, verifyAttestation } from '../../trust/attestation/index.js';
import { hexArgument, newCommand } from '../program.js';

interface Options {
  document: string;
  eifPath?: string;
  measurements?: string;
  pcr0?: string;
  pcr1?: string;
  pcr2?: string;
  atDocumentTime?: boolean;
  at?: string;
  nonce?: string;
  rootCertificate?: string;
}

/** `nitro-eif verify-attestation`: check a Nitro attestation document against a build's PCRs. */
export function register(program: Command): void {
  program.addCommand(
    newCommand('verify-attestation')
      .description('Verify a Nitro attestation document (COSE_Sign1, AWS root chain) and compare its PCRs with a build')
      .requiredOption('--document <file>', 'attestation document (raw COSE_Sign1 bytes, or that as base64)')
      .option('--eif-path <file>', 'expect the PCRs recomputed from this EIF')
      .option('--measurements <file>', 'expect the PCRs of this measurements JSON')
      .option('--pcr0 <hex>', 'expected PCR0 (with --pcr1 and --pcr2)')
      .option('--pcr1 <hex>', 'expected PCR1')
      .option('--pcr2 <hex>', 'expected PCR2')
      .option('--at-document-time', "check certificate validity at the document's own timestamp")
      .option('--at <iso-8601>', 'check certificate validity at this time (default: now)')
      .option('--nonce <hex>', 'the nonce the document must carry')
      .option('--root-certificate <pem>', 'trust this root instead of the pinned AWS Nitro Enclaves root')
      .action(async (options: Options) => {
        const expected = await expectedPcrs(options);
        const report = verifyAttestation({
          document: attestationDocumentBytes(new Uint8Array(await readInput(options.document, '--document', 2 * MAX_DOCUMENT_BYTES))),
          expected: { pcrs: expected },
          at: verificationTime(options),
          name: options.document,
          ...(options.nonce === undefined ? {} : { nonce: parseNonce(options.nonce) }),
          ...(options.rootCertificate === undefined ? {} : { rootCertificatePem: (await readInput(options.rootCertificate, '--root-certificate')).toString('utf8') }),
        });
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      }),
  );
}

async function expectedPcrs(options: Options): Promise<Pcrs> {
  const pcrFlags = [options.pcr0, options.pcr1, options.pcr2];
  const sources = [options.eifPath !== undefined, options.measurements !== undefined, pcrFlags.some((v) => v !== undefined)];
  if (sources.filter(Boolean).length !== 1) {
    throw new UserError('give exactly one of --eif-path, --measurements or --pcr0/--pcr1/--pcr2', { code: 'usage' });
  }
  if (options.eifPath !== undefined) {
    const { pcrs } = await inspectEif(options.eifPath, { fileDigests: false });
    return { PCR0: pcrs.PCR0, PCR1: pcrs.PCR1, PCR2: pcrs.PCR2, ...(pcrs.PCR8 ? { PCR8: pcrs.PCR8 } : {}) };
  }
  if (options.measurements !== undefined) return (await readMeasurements(options.measurements)).pcrs;
  if (pcrFlags.some((v) => v === undefined)) throw new UserError('--pcr0, --pcr1 and --pcr2 go together', { code: 'usage' });
  const [pcr0, pcr1, pcr2] = pcrFlags.map((v, i) => hexArgument(v!, 48, `--pcr${i}`));
  return { PCR0: pcr0!, PCR1: pcr1!, PCR2: pcr2! };
}

function verificationTime(options: Options): Date | 'document-time' {
  if (options.atDocumentTime && options.at !== undefined) throw new UserError('--at and --at-document-time exclude each other', { code: 'usage' });
  if (options.atDocumentTime) return 'document-time';
  if (options.at === undefined) return new Date();
  const at = new Date(options.at);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(options.at) || Number.isNaN(at.getTime())) {
    throw new UserError(`--at: expected an ISO-8601 time such as 2025-12-25T13:00:00Z, got ${JSON.stringify(options.at)}`, { code: 'usage' });
  }
  return at;
}

function parseNonce(text: string): Uint8Array {
  const hex = text.trim().replace(/^0x/i, '');
  if (hex.length === 0 || hex.length % 2 !== 0 || hex.length > 2048 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new UserError(`--nonce: expected an even number of hex digits (at most 1024 bytes), got ${JSON.stringify(text)}`, { code: 'usage' });
  }
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

async function readInput(path: string, flag: string, maxBytes = 1 << 20): Promise<Buffer> {
  return readRegularFile(path, { label: `${flag} ${path}`, maxBytes });
}
