// `nitro-eif reproduce` usage errors: one line, exit 2, before anything is read or built.
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { captureOutput } from '../../helpers/capture-output.js';

const cli = captureOutput();
const base = ['reproduce', '--provenance', 'p.json', '--source', '.'];

describe('nitro-eif reproduce: usage', () => {
  it.each([
    { args: ['reproduce', '--source', '.', '--key', 'k.pem'], line: "nitro-eif: error: required option '--provenance <file>' not specified (run with --help for usage)" },
    { args: [...base], line: 'nitro-eif: error: give either --key or --certificate-identity with --certificate-oidc-issuer' },
    { args: [...base, '--key', 'k.pem', '--certificate-identity', 'x'], line: 'nitro-eif: error: give either --key or --certificate-identity with --certificate-oidc-issuer' },
    { args: [...base, '--key', 'k.pem', '--eif-path', 'a.eif', '--store', 'dir'], line: 'nitro-eif: error: give either --eif-path or --store, not both' },
    { args: [...base, '--key', 'k.pem', '0x00'], line: 'nitro-eif: error: an OS_IMAGE_HASH argument needs --store' },
    { args: [...base, '--key', 'k.pem', '--manifest', 'm.json'], line: 'nitro-eif: error: --manifest goes with --eif-path' },
    { args: [...base, '--certificate-identity', 'https://x', '--certificate-oidc-issuer', 'https://y'],
      line: 'nitro-eif: error: keyless verification needs --trusted-root FILE (a Sigstore trusted_root.json; nothing is fetched)' },
  ])('$line', async ({ args, line }) => {
    cli.reset();
    expect(await main(args)).toBe(2);
    expect(cli.stderr).toBe(`${line}\n`);
    expect(cli.stdout).toBe('');
  });
});
