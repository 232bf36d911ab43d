import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../../helpers/oci-builder.js';
import { CREATED_AT, mergeRows, paths } from '../../helpers/merge-image.js';

const T = CREATED_AT;
const dir = (name: string, extra: Partial<LayerEntry> = {}): LayerEntry => ({ name, type: 'directory', ...extra });
const file = (name: string, data = name, extra: Partial<LayerEntry> = {}): LayerEntry => ({ name, data, ...extra });

describe('what docker create adds (moby initlayer)', () => {
  it('adds the init entries to an empty image', async () => {
    const rows = await mergeRows([[]]);
    const d = { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: T, size: 0 };
    const f = { type: 'file', mode: 0o755, uid: 0, gid: 0, mtime: T, size: 0 };
    expect(rows.map(({ sha256: _s, ...r }) => r)).toEqual([
      { path: '.dockerenv', ...f },
      { path: 'dev/', ...d },
      { path: 'dev/console', ...f },
      { path: 'dev/pts/', ...d },
      { path: 'dev/shm/', ...d },
      { path: 'etc/', ...d },
      { path: 'etc/hostname', ...f },
      { path: 'etc/hosts', ...f },
      { path: 'etc/mtab', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: T, size: 0, linkname: '/proc/mounts' },
      { path: 'etc/resolv.conf', ...f },
      { path: 'proc/', ...d },
      { path: 'sys/', ...d },
    ]);
  });

  it('in setgid directories: its directories keep the bit (owned by root), the etc/mtab symlink takes the group', async () => {
    const rows = await mergeRows([[dir('dev', { mode: 0o2755, gid: 5 }), dir('etc', { mode: 0o2750, gid: 6 }), dir('srv', { mode: 0o2755, gid: 7 })]], {
      config: { WorkingDir: '/srv/app' },
    });
    const get = (p: string) => rows.find((r) => r.path === p);
    expect(get('dev/pts/')).toMatchObject({ mode: 0o2755, uid: 0, gid: 0 });
    expect(get('dev/console')).toMatchObject({ mode: 0o755, uid: 0, gid: 0 });
    expect(get('etc/mtab')).toMatchObject({ type: 'symlink', uid: 0, gid: 6 });
    expect(get('etc/hosts')).toMatchObject({ uid: 0, gid: 0 });
    expect(get('srv/app/')).toMatchObject({ mode: 0o2755, uid: 0, gid: 0 });
    expect(get('proc/')).toMatchObject({ mode: 0o755, gid: 0 });
  });

  it("replaces the image's own files and keeps its directories' mode and owner", async () => {
    const rows = await mergeRows([[
      dir('etc', { mode: 0o750, uid: 3, mtime: 10 }), file('etc/hosts', 'mine', { mode: 0o644, mtime: 10 }),
      { name: 'etc/mtab', type: 'symlink', linkname: 'elsewhere', mtime: 10 }, file('etc/passwd', 'root', { mtime: 10 }),
      dir('dev', { mtime: 10 }), { name: 'dev/console', type: 'character-device', devmajor: 5, devminor: 1, mtime: 10 },
      dir('proc', { mode: 0o555, mtime: 10 }), dir('sys', { mode: 0o555, mtime: 11 }),
      dir('dev/shm', { mode: 0o1777, mtime: 12 }), file('.dockerenv', 'x', { mtime: 10 }),
    ]]);
    const get = (p: string) => rows.find((r) => r.path === p);
    expect(get('etc/')).toMatchObject({ mode: 0o750, uid: 3, mtime: T });
    expect(get('etc/hosts')).toMatchObject({ type: 'file', mode: 0o755, size: 0, mtime: T });
    expect(get('etc/mtab')).toMatchObject({ type: 'symlink', linkname: '/proc/mounts', mtime: T });
    expect(get('etc/passwd')).toMatchObject({ type: 'file', mtime: 10, size: 4 });
    expect(get('dev/console')).toMatchObject({ type: 'file', mode: 0o755, size: 0, mtime: T });
    expect(get('dev/')).toMatchObject({ mtime: T });
    expect(get('proc/')).toMatchObject({ mode: 0o555, mtime: 10 });
    expect(get('sys/')).toMatchObject({ mode: 0o555, mtime: 11 });
    expect(get('dev/shm/')).toMatchObject({ mode: 0o1777, mtime: 12 });
    expect(get('.dockerenv')).toMatchObject({ size: 0, mtime: T });
  });

  it('replaces a symlinked /etc by a directory and keeps a directory where a file would go', async () => {
    const rows = await mergeRows([[
      dir('private'), dir('private/etc'), file('private/etc/hosts', 'x'),
      { name: 'etc', type: 'symlink', linkname: 'private/etc' },
      { name: 'proc', type: 'symlink', linkname: 'private' },
    ], [dir('dev'), dir('dev/console', { mode: 0o700, mtime: 4 })]]);
    const get = (p: string) => rows.find((r) => r.path === p);
    expect(get('etc/')).toMatchObject({ type: 'dir', mode: 0o755, mtime: T });
    expect(get('etc/hosts')).toMatchObject({ type: 'file', size: 0 });
    expect(get('private/etc/hosts')).toMatchObject({ size: 1 });
    expect(get('proc/')).toMatchObject({ type: 'dir', mtime: T });
    expect(get('dev/console/')).toMatchObject({ type: 'dir', mode: 0o700, mtime: 4 });
    expect(get('dev/console')).toBeUndefined();
  });
});

describe('WorkingDir', () => {
  it('is created when missing, with its parents, as root 0755', async () => {
    const rows = await mergeRows([[dir('srv', { mode: 0o700, mtime: 9 })]], { config: { WorkingDir: '/srv/app/data' } });
    expect(rows.filter((r) => r.path.startsWith('srv'))).toEqual([
      { path: 'srv/', type: 'dir', mode: 0o700, uid: 0, gid: 0, mtime: T, size: 0 },
      { path: 'srv/app/', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: T, size: 0 },
      { path: 'srv/app/data/', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: T, size: 0 },
    ]);
  });

  it('follows symlinks inside the root and leaves an existing directory alone', async () => {
    const rows = await mergeRows([[dir('real', { mtime: 2 }), { name: 'w', type: 'symlink', linkname: '/../real' }]], {
      config: { WorkingDir: '/w/sub' },
    });
    expect(paths(rows).filter((p) => /^(real|w)/.test(p))).toEqual(['real/', 'real/sub/', 'w']);
    const unchanged = await mergeRows([[dir('app', { mtime: 2 })]], { config: { WorkingDir: '/app' } });
    expect(unchanged.find((r) => r.path === 'app/')).toMatchObject({ mtime: 2 });
  });

  it('fails like docker create when a file is in the way', async () => {
    await expect(mergeRows([[file('app')]], { config: { WorkingDir: '/app/x' } })).rejects.toThrow(/\/app is not a directory/);
  });
});
