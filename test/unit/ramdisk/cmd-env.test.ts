import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { cmdEnvFiles, selectCommand } from '../../../src/ramdisk/cmd-env.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

describe("cmd and env by nitro-cli's rules", () => {
  it('uses Cmd and ignores Entrypoint entirely when Cmd is present', () => {
    expect(selectCommand({ cmd: ['serve'], entrypoint: ['/app/run.sh'] })).toEqual(['serve']);
    expect(selectCommand({ cmd: [], entrypoint: ['/app/run.sh'] })).toEqual([]);
  });

  it('falls back to Entrypoint only when Cmd is absent', () => {
    expect(selectCommand({ entrypoint: ['/app/run.sh', '-v'] })).toEqual(['/app/run.sh', '-v']);
    expect(selectCommand({ cmd: null, entrypoint: ['/app/run.sh'] })).toEqual(['/app/run.sh']);
  });

  it('refuses an image with neither Cmd nor Entrypoint', () => {
    expect(() => selectCommand({ env: ['A=1'] })).toThrow(/neither Cmd nor Entrypoint/);
  });

  it('writes each element followed by a newline; an empty list gives an empty file', () => {
    const files = cmdEnvFiles({ cmd: ['/bin/hello.sh'], env: ['PATH=/usr/local/sbin:/bin', 'HELLO=Hello'] });
    expect(text(files.cmd)).toBe('/bin/hello.sh\n');
    expect(text(files.env)).toBe('PATH=/usr/local/sbin:/bin\nHELLO=Hello\n');
    expect(cmdEnvFiles({ cmd: ['x'] }).env.byteLength).toBe(0);
  });

  it('refuses an element containing a newline, naming the field', () => {
    expect(() => cmdEnvFiles({ cmd: ['sh', '-c', 'a\nb'] })).toThrow(UserError);
    expect(() => cmdEnvFiles({ cmd: ['sh', '-c', 'a\nb'] })).toThrow(/Cmd.*newline/);
    expect(() => cmdEnvFiles({ entrypoint: ['a\n'] })).toThrow(/Entrypoint/);
    expect(() => cmdEnvFiles({ cmd: ['x'], env: ['A=1\n2'] })).toThrow(/Env/);
  });

  it('keeps UTF-8 and spaces as they are', () => {
    expect(text(cmdEnvFiles({ cmd: ['echo', 'héllo wörld'] }).cmd)).toBe('echo\nhéllo wörld\n');
  });
});
