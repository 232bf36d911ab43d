import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addOsImage, isRegistered } from '../../../src/governance/auth-config.js';

const H = '0x1894b0b29e94a9db16e88a2914f0923e52bb16c08bf3bb484df786a147e2eb79';
const OLD = '0x0b327bcd642788b0517de3ff46d31ebd3847b6c64ea40bacde268bb9f1c8ec83';
const APP = '0xabcdefabcdefabcdefabcdefabcdefabcdefabcd';

// Written by hand in a 4-space, keys-not-sorted layout, as a user would keep it.
const FOUR_SPACES = `{
    "osImages": [
        "${OLD}"
    ],
    "gatewayAppId": "0x1234",
    "allowedTcbStatuses": [
        "UpToDate",
        ""
    ],
    "kms": {
        "mrAggregated": [],
        "allowAnyDevice": true
    },
    "apps": {
        "${APP.toUpperCase().replace('0X', '0x')}": {
            "composeHashes": [
                "${OLD}"
            ],
            "allowAnyDevice": true
        }
    }
}
`;

describe('addOsImage', () => {
  it('appends to osImages and the app composeHashes, keeping indentation and key order', () => {
    const out = addOsImage(FOUR_SPACES, H, APP, 'auth-config.json');
    expect(out.changed).toBe(true);
    expect(out.warnings).toEqual([]);
    const expected = FOUR_SPACES.replace(`"osImages": [\n        "${OLD}"\n    ]`, `"osImages": [\n        "${OLD}",\n        "${H}"\n    ]`)
      .replace(`"composeHashes": [\n                "${OLD}"\n            ]`, `"composeHashes": [\n                "${OLD}",\n                "${H}"\n            ]`);
    expect(out.text).toBe(expected);
  });

  it('keeps tabs, CRLF line ends, a missing final newline and compact arrays', () => {
    const text = `{\r\n\t"osImages": [],\r\n\t"allowedTcbStatuses": [""]\r\n}`;
    const out = addOsImage(text, H, undefined, 'c.json');
    expect(out.text).toBe(`{\r\n\t"osImages": [\r\n\t\t"${H}"\r\n\t],\r\n\t"allowedTcbStatuses": [""]\r\n}`);
    expect(out.warnings).toEqual([]);
  });

  it('edits arrays in place with the separator they already use, touching nothing else', () => {
    const text = `{"osImages": ["${OLD}", "0x${'22'.repeat(32)}"], "apps": {"${APP}": {"devices": [], "composeHashes": ["${OLD}"]}}, "allowedTcbStatuses": [""]}`;
    const out = addOsImage(text, H, APP, 'c.json');
    expect(out.text).toBe(text.replace(`"0x${'22'.repeat(32)}"]`, `"0x${'22'.repeat(32)}", "${H}"]`).replace(`"composeHashes": ["${OLD}"]`, `"composeHashes": ["${OLD}", "${H}"]`));
    expect(out.warnings).toEqual([]);
  });

  it('falls back to a full rewrite (and says so) only when a field or the app is missing', () => {
    const text = `{\n  "allowedTcbStatuses": [""],\n  "apps": {}\n}\n`;
    const out = addOsImage(text, H, APP, 'c.json');
    expect(JSON.parse(out.text)).toEqual({ allowedTcbStatuses: [''], apps: { [APP]: { composeHashes: [H], allowAnyDevice: true } }, osImages: [H] });
    expect(out.warnings.join()).toMatch(/rewritten in standard JSON layout/);
  });

  it('creates a missing app entry and warns when "" is not an allowed TCB status (default UpToDate only)', () => {
    const out = addOsImage('{\n  "osImages": []\n}\n', H, APP, 'a.json');
    expect(JSON.parse(out.text)).toEqual({ osImages: [H], apps: { [APP]: { composeHashes: [H], allowAnyDevice: true } } });
    expect(out.warnings.join('\n')).toMatch(/allowedTcbStatuses does not contain ""/);
  });

  it('changes nothing when the hash is already there in another case or without 0x', () => {
    const text = `{\n  "osImages": ["${H.slice(2).toUpperCase()}"],\n  "allowedTcbStatuses": [""]\n}\n`;
    const out = addOsImage(text, H, undefined, 'a.json');
    expect(out).toEqual({ text, changed: false, warnings: [] });
    expect(isRegistered(text, H, undefined, 'a.json')).toBe(true);
    expect(isRegistered(text, H, APP, 'a.json')).toBe(false);
    expect(isRegistered(FOUR_SPACES, OLD, APP, 'a.json')).toBe(true);
  });

  it('names the file and field on malformed input', () => {
    expect(() => addOsImage('{"osImages": "x"}', H, undefined, 'cfg.json')).toThrow(/cfg.json: osImages must be an array/);
    expect(() => addOsImage('[', H, undefined, 'cfg.json')).toThrow(/cfg.json: not valid JSON/);
  });

  it('refuses a config nested deeper than 64 levels with one line naming the file (no stack overflow)', () => {
    const nested = (depth: number) => `{"osImages": [], "allowedTcbStatuses": [""], "x": ${'['.repeat(depth - 1)}"[{\\"]"${']'.repeat(depth - 1)}}`;
    expect(() => addOsImage(nested(20000), H, undefined, 'cfg.json')).toThrow(/^cfg.json: nested deeper than 64 levels$/);
    expect(() => isRegistered(nested(65), H, undefined, 'cfg.json')).toThrow(/^cfg.json: nested deeper than 64 levels$/);
    // 64 levels (the object plus 63 arrays; brackets inside the string do not count) is still edited.
    expect(JSON.parse(addOsImage(nested(64), H, undefined, 'cfg.json').text).osImages).toEqual([H]);
  });
});

describe('addOsImage on arbitrary configs', () => {
  const hex64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `0x${Buffer.from(b).toString('hex')}`);
  const config = fc.record({
    extra: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
    osImages: fc.array(hex64, { maxLength: 3 }),
    composeHashes: fc.array(hex64, { maxLength: 3 }),
    indent: fc.constantFrom('', '  ', '    ', '\t'),
  });

  it('changes exactly the two arrays, in any layout, and is a no-op the second time', () => {
    fc.assert(fc.property(config, hex64, ({ extra, osImages, composeHashes, indent }, hash) => {
      fc.pre(!osImages.includes(hash) && !composeHashes.includes(hash));
      const { osImages: _o, apps: _a, allowedTcbStatuses: _t, ...rest } = extra as Record<string, unknown>;
      const before = { ...rest, osImages, apps: { [APP]: { composeHashes } }, allowedTcbStatuses: [''] };
      const text = JSON.stringify(before, null, indent);
      const out = addOsImage(text, hash, APP, 'c.json');
      const after = { ...rest, osImages: [...osImages, hash], apps: { [APP]: { composeHashes: [...composeHashes, hash] } }, allowedTcbStatuses: [''] };
      expect(out.text).toBe(JSON.stringify(after, null, indent));
      expect(out.warnings).toEqual([]);
      expect(addOsImage(out.text, hash, APP, 'c.json')).toEqual({ text: out.text, changed: false, warnings: [] });
    }), { numRuns: 300 });
  });
});
