import { describe, expect, it } from 'vitest';
import { addedOsImages, buildFactsPath, parseBuildFacts, renderBuildFacts } from '../../../src/governance/index.js';

const H1 = `0x${'a1'.repeat(32)}`;
const H2 = `0x${'b2'.repeat(32)}`;

describe('registration build facts', () => {
  it('round-trips the facts file and names its path by hash', () => {
    const text = renderBuildFacts({ os_image_hash: H1, store: 's3://bucket/eifs', source: { repository: 'https://github.com/acme/app', commit: 'c'.repeat(40) } });
    expect(buildFactsPath(H1.toUpperCase().replace('0X', '0x'))).toBe(`nitro-eif-builds/${H1}.json`);
    expect(parseBuildFacts(text, 'f.json')).toMatchObject({ os_image_hash: H1, store: 's3://bucket/eifs', source: { commit: 'c'.repeat(40) } });
  });

  it('refuses a facts file without a full commit or with another schema, naming the file and field', () => {
    expect(() => parseBuildFacts(JSON.stringify({ schema: 'x' }), 'f.json')).toThrow(/^f\.json: schema must be/);
    const noCommit = renderBuildFacts({ os_image_hash: H1, store: 's', source: { repository: 'r', commit: 'main' } });
    expect(() => parseBuildFacts(noCommit, 'f.json')).toThrow(/^f\.json: source\.commit must be a full commit id/);
  });

  it('lists the hashes auth-config.json gains, case and 0x normalised', () => {
    const before = JSON.stringify({ osImages: [H1] });
    const after = JSON.stringify({ osImages: [H1.toUpperCase().replace('0X', '0x'), H2.slice(2)] });
    expect(addedOsImages(before, after, 'auth-config.json')).toEqual([H2]);
    expect(addedOsImages(undefined, after, 'auth-config.json')).toEqual([H1, H2]);
    expect(() => addedOsImages(before, '{"osImages": "x"}', 'auth-config.json')).toThrow(/^auth-config\.json: osImages must be an array of strings/);
  });

  it('lists a hash added only to an app\'s composeHashes: on Nitro that allows the image for the app', () => {
    const APP = `0x${'cc'.repeat(20)}`;
    const before = JSON.stringify({ osImages: [H1, H2], apps: { [APP]: { composeHashes: [H1], allowAnyDevice: true } } });
    // The image is already allowed; the pull request allows it for the app (app id in another case).
    const after = JSON.stringify({ osImages: [H1, H2], apps: { [APP.toUpperCase().replace('0X', '0x')]: { composeHashes: [H1, H2.toUpperCase()], allowAnyDevice: true } } });
    expect(addedOsImages(before, after, 'auth-config.json')).toEqual([H2]);
    // A new app, and the same hash added to both lists, count once.
    const other = `0x${'dd'.repeat(20)}`;
    const both = JSON.stringify({ osImages: [H1], apps: { [other]: { composeHashes: [H1] } } });
    expect(addedOsImages(JSON.stringify({ osImages: [] }), both, 'auth-config.json')).toEqual([H1]);
    expect(addedOsImages(before, before, 'auth-config.json')).toEqual([]);
    expect(() => addedOsImages(before, JSON.stringify({ apps: { [APP]: { composeHashes: 'x' } } }), 'auth-config.json'))
      .toThrow(/^auth-config\.json: apps\.0x(cc)+\.composeHashes must be an array of strings/);
  });
});
