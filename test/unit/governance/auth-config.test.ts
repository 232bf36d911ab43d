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

  it('keeps tabs, CRLF line ends and a missing final newline', () => {
    const text = `{\r\n\t"osImages": [],\r\n\t"allowedTcbStatuses": [""]\r\n}`;
    const out = addOsImage(text, H, undefined, 'c.json');
    expect(out.text).toBe(`{\r\n\t"osImages": [\r\n\t\t"${H}"\r\n\t],\r\n\t"allowedTcbStatuses": [\r\n\t\t""\r\n\t]\r\n}`);
    expect(out.warnings.some((w) => /standard JSON layout/.test(w))).toBe(true);
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
});
