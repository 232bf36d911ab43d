import { describe, expect, it } from 'vitest';
import { DEFAULT_BLOBS_DIR, readInputs } from '../../../src/action/inputs.js';

const SHA = 'ab'.repeat(32);
const SHA384 = 'cd'.repeat(48);
const getter = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

describe('readInputs: defaults', () => {
  it('gives the documented defaults when nothing is set', () => {
    const inputs = readInputs(getter({}));
    expect(inputs).toMatchObject({
      context: '.', file: 'Dockerfile', platform: 'linux/amd64', blobsDir: DEFAULT_BLOBS_DIR, outputDir: 'nitro-eif-out',
      requirePinnedBase: true, reproducibilityCheck: false, failOnPcrChange: false, summary: true, crossCheckNitroCli: false,
    });
    expect(inputs.sourceDateEpoch).toBeUndefined();
    expect(inputs.dstackUtil).toBeUndefined();
  });

  it('reads max-rootfs-size (absent: the builder default) and refuses a bad size naming the input', () => {
    expect(readInputs(getter({})).maxRootfsSize).toBeUndefined();
    expect(readInputs(getter({ 'max-rootfs-size': '8G' })).maxRootfsSize).toBe(8 * 2 ** 30);
    expect(() => readInputs(getter({ 'max-rootfs-size': 'lots' }))).toThrow(/^input max-rootfs-size: expected a size in bytes/);
  });

  it('puts the default Dockerfile inside the context', () => {
    expect(readInputs(getter({ context: 'app' })).file).toBe('app/Dockerfile');
  });

  it('parses build args, blob pins in both forms and the dstack-util pin', () => {
    const inputs = readInputs(getter({
      'build-args': 'A=1\n\n B=x=y \n',
      'blobs-sha384': `bzImage=${SHA384}\n${SHA384.toUpperCase()}  /usr/share/nitro_enclaves/blobs/init`,
      'dstack-util': 'https://example.com/dstack-util', 'dstack-util-sha256': `sha256:${SHA.toUpperCase()}`, 'dstack-util-path': '/app/dstack-util',
      'source-date-epoch': '1700000000',
    }));
    expect(inputs.buildArgs).toEqual({ A: '1', B: 'x=y' });
    expect(inputs.blobsSha384).toEqual({ bzImage: SHA384, init: SHA384 });
    expect(inputs.dstackUtil).toEqual({ source: 'https://example.com/dstack-util', sha256: SHA, path: '/app/dstack-util' });
    expect(inputs.sourceDateEpoch).toBe(1700000000);
  });
});

describe('readInputs: blobs', () => {
  it('reads a public set and a mirror, and leaves blobs-dir for self-hosted runners', () => {
    const inputs = readInputs(getter({ blobs: 'aws-nitro-enclaves-cli@v1.5.0', 'blobs-base-url': 'https://mirror.example/nitro/' }));
    expect(inputs.blobSet?.set.name).toBe('aws-nitro-enclaves-cli@v1.5.0');
    expect(inputs.blobSet?.set.commit).toBe('2950b3699d81ad304df2458915688a552734833d');
    expect(inputs.blobSet?.baseUrl).toBe('https://mirror.example/nitro');
    expect(inputs.blobsDir).toBeUndefined(); // nothing to check on disk before the build
    const selfHosted = readInputs(getter({ 'blobs-dir': '/opt/blobs' }));
    expect(selfHosted.blobsDir).toBe('/opt/blobs');
    expect(selfHosted.blobSet).toBeUndefined();
  });
});

const ADDRESS = `0x${'12'.repeat(20)}`;
const AUTH = { registration: 'auth-simple', 'registry-repository': 'o/r', 'registry-path': 'auth-config.json' };
const ONCHAIN = { registration: 'onchain', 'registry-repository': 'o/r', 'registry-path': 'batches', 'kms-contract': ADDRESS, 'app-contract': ADDRESS, 'chain-id': '1' };

describe('readInputs: refusals name the input', () => {
  const rows: Array<{ name: string; inputs: Record<string, string>; error: RegExp }> = [
    { name: 'boolean that is not true/false', inputs: { summary: 'maybe' }, error: /^input summary: expected true or false/ },
    { name: 'negative epoch', inputs: { 'source-date-epoch': '-1' }, error: /^input source-date-epoch: expected whole seconds/ },
    { name: 'epoch with a fraction', inputs: { 'source-date-epoch': '17.5' }, error: /^input source-date-epoch:/ },
    { name: 'two platforms', inputs: { platform: 'linux/amd64,linux/arm64' }, error: /^input platform: expected linux\/amd64 or linux\/arm64/ },
    { name: 'build arg without =', inputs: { 'build-args': 'JUSTNAME' }, error: /^input build-args: expected NAME=VALUE/ },
    { name: 'build arg with a bad name', inputs: { 'build-args': '1X=2' }, error: /^input build-args:/ },
    { name: 'dstack-util without its hash', inputs: { 'dstack-util': './dstack-util' }, error: /^input dstack-util-sha256: is required/ },
    { name: 'dstack-util hash too short', inputs: { 'dstack-util': 'x', 'dstack-util-sha256': 'abc' }, error: /^input dstack-util-sha256: expected 64 hex/ },
    { name: 'dstack-util over plain http', inputs: { 'dstack-util': 'http://x/d', 'dstack-util-sha256': SHA }, error: /^input dstack-util: must be a file path or an https/ },
    { name: 'hash without dstack-util', inputs: { 'dstack-util-sha256': SHA }, error: /^input dstack-util-sha256: is set but dstack-util is not/ },
    { name: 'path without dstack-util', inputs: { 'dstack-util-path': '/app/d' }, error: /^input dstack-util-path: is set/ },
    { name: 'relative dstack-util-path', inputs: { 'dstack-util': 'x', 'dstack-util-sha256': SHA, 'dstack-util-path': 'app/d' }, error: /^input dstack-util-path: expected an absolute/ },
    { name: 'dstack-util-path with ..', inputs: { 'dstack-util': 'x', 'dstack-util-sha256': SHA, 'dstack-util-path': '/app/../d' }, error: /^input dstack-util-path:/ },
    { name: 'blob pin of the wrong length', inputs: { 'blobs-sha384': `init=${SHA}` }, error: /^input blobs-sha384: expected/ },
    { name: 'fail-on-pcr-change without lockfile', inputs: { 'fail-on-pcr-change': 'true' }, error: /^input fail-on-pcr-change: needs lockfile/ },
    { name: 'a signing key without certificate', inputs: { 'signing-key': 'key.pem' }, error: /^input signing-certificate: is required with signing-key/ },
    { name: 'a signing certificate without key', inputs: { 'signing-certificate': 'cert.pem' }, error: /^input signing-key: is required with signing-certificate/ },
    { name: 'an unknown provenance mode', inputs: { provenance: 'yes' }, error: /^input provenance: expected none, key or keyless/ },
    { name: 'key provenance without a key', inputs: { provenance: 'key' }, error: /^input provenance-key: is required with provenance: key/ },
    { name: 'a provenance key without provenance', inputs: { 'provenance-key': 'k.pem' }, error: /^input provenance-key: is set but provenance is none/ },
    { name: 'an unknown registration mode', inputs: { registration: 'yes' }, error: /^input registration: expected none, auth-simple or onchain/ },
    { name: 'registration without a registry', inputs: { registration: 'auth-simple' }, error: /^input registry-repository: is required with registration: auth-simple/ },
    { name: 'a registry that is not owner/repo', inputs: { registration: 'auth-simple', 'registry-repository': 'https://github.com/o/r' }, error: /^input registry-repository: expected owner\/repo, got "https:/ },
    { name: 'a registry path leaving the repository', inputs: { ...AUTH, 'registry-path': '../x.json' }, error: /^input registry-path: must stay inside/ },
    { name: 'an app id of the wrong length', inputs: { ...AUTH, 'app-id': '0x12' }, error: /^input app-id: expected 0x \+ 40 hex digits \(20 bytes\), got "0x12"$/ },
    { name: 'a KMS contract that is not an address', inputs: { ...ONCHAIN, 'kms-contract': '0x1' }, error: /^input kms-contract: expected a 0x-prefixed 20-byte address/ },
    { name: 'an app contract without 0x', inputs: { ...ONCHAIN, 'app-contract': ADDRESS.slice(2) }, error: /^input app-contract: expected a 0x-prefixed/ },
    { name: 'a Safe address that is not an address', inputs: { ...ONCHAIN, 'safe-address': 'my-safe' }, error: /^input safe-address: expected a 0x-prefixed/ },
    { name: 'chain id zero', inputs: { ...ONCHAIN, 'chain-id': '0' }, error: /^input chain-id: expected a decimal chain id \(a positive integer\)/ },
    { name: 'a store with another scheme', inputs: { store: 'gs://bucket/eifs' }, error: /^input store: unsupported scheme in "gs:\/\/bucket\/eifs" \(use a path, file:\/\/ or s3:\/\/\)$/ },
    { name: 'a store with a bad S3 bucket', inputs: { store: 's3://My_Bucket/eifs' }, error: /^input store: invalid S3 bucket name/ },
    { name: 'a file: store URL on another host', inputs: { store: 'file://server/eifs' }, error: /^input store: "file:\/\/server\/eifs" is not a file:\/\/\/absolute\/path URL$/ },
    { name: 'registration without a path', inputs: { registration: 'auth-simple', 'registry-repository': 'o/r' }, error: /^input registry-path: is required/ },
    { name: 'onchain without contracts', inputs: { registration: 'onchain', 'registry-repository': 'o/r', 'registry-path': 'b.json' }, error: /^input kms-contract: is required with registration: onchain/ },
    { name: 'a chain id that is not a number', inputs: { registration: 'onchain', 'registry-repository': 'o/r', 'registry-path': 'b.json', 'chain-id': '0x1' }, error: /^input chain-id: expected a decimal/ },
    { name: 'blobs and blobs-dir together', inputs: { blobs: 'aws-nitro-enclaves-cli@v1.5.0', 'blobs-dir': '/b' }, error: /^input blobs: give blobs or blobs-dir, not both$/ },
    { name: 'an unknown blob set', inputs: { blobs: 'aws-nitro-enclaves-cli@v9' }, error: /^input blobs: unknown blob set "aws-nitro-enclaves-cli@v9" \(known: aws-nitro-enclaves-cli@v1\.3\.4, .*aws-nitro-enclaves-cli@v1\.5\.0\)$/ },
    { name: 'a base URL without blobs', inputs: { 'blobs-base-url': 'https://mirror.example' }, error: /^input blobs-base-url: is set but blobs is not$/ },
    { name: 'a base URL that is not http(s)', inputs: { blobs: 'aws-nitro-enclaves-cli@v1.5.0', 'blobs-base-url': 'ftp://mirror.example' }, error: /^input blobs-base-url: expected an https:\/\//u },
    { name: 'unknown network', inputs: { network: 'bridge0' }, error: /^input network: expected default, none or host/ },
  ];
  for (const row of rows) {
    it(`refuses ${row.name}`, () => {
      expect(() => readInputs(getter(row.inputs))).toThrow(row.error);
    });
  }
});

describe('readInputs: registration and store', () => {
  it('accepts well-formed registration fields and store URIs', () => {
    const onchain = readInputs(getter({ ...ONCHAIN, 'safe-address': ADDRESS, store: 's3://eif-bucket/prod' }));
    expect(onchain.registration).toMatchObject({ mode: 'onchain', kmsContract: ADDRESS, appContract: ADDRESS, chainId: 1, safeAddress: ADDRESS });
    expect(onchain.store).toBe('s3://eif-bucket/prod');
    expect(readInputs(getter({ ...AUTH, 'app-id': ADDRESS.slice(2).toUpperCase() })).registration?.appId).toBe(ADDRESS.slice(2).toUpperCase());
    expect(readInputs(getter({ store: 'eif-store' })).store).toBe('eif-store');
    expect(readInputs(getter({ store: 'file:///srv/eifs' })).store).toBe('file:///srv/eifs');
  });
});
