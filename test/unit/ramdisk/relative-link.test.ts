import { describe, expect, it } from 'vitest';
import { cleanPath, dirPath, hardLinkTarget, relativePath } from '../../../src/ramdisk/relative-link.js';

// Expected values are Go's documented results for path.Clean / path.Dir / filepath.Rel.
describe("Go's path semantics for hard-link targets", () => {
  it.each([
    ['', '.'],
    ['a//b/./c/', 'a/b/c'],
    ['a/../../b', '../b'],
    ['/../a', '/a'],
    ['rootfs/bin/', 'rootfs/bin'],
  ])('Clean(%j) = %j', (input, expected) => {
    expect(cleanPath(input)).toBe(expected);
  });

  it.each([
    ['rootfs/bin/busybox', 'rootfs/bin'],
    ['busybox', '.'],
    ['/x', '/'],
  ])('Dir(%j) = %j', (input, expected) => {
    expect(dirPath(input)).toBe(expected);
  });

  it.each([
    ['a/b', 'a/b/c', 'c'],
    ['a/b', 'a/c', '../c'],
    ['a/b/c', 'a/x/y', '../../x/y'],
    ['.', 'a/b', 'a/b'],
    ['a', 'a', '.'],
    ['/a', '/b/c', '../b/c'],
  ])('Rel(%j, %j) = %j', (base, target, expected) => {
    expect(relativePath(base, target)).toBe(expected);
  });

  it('fails like Go where Rel cannot answer', () => {
    expect(relativePath('/a', 'b')).toBeUndefined();
    expect(relativePath('../a', 'b')).toBeUndefined();
  });

  it('makes hard links relative to their own directory, or absolute when Rel fails', () => {
    expect(hardLinkTarget('rootfs/usr/bin/sh', 'rootfs/bin/busybox')).toBe('../../bin/busybox');
    expect(hardLinkTarget('rootfs/bin/sh', 'rootfs/bin/busybox')).toBe('busybox');
    expect(hardLinkTarget('../x', 'rootfs/a')).toBe('/rootfs/a');
  });
});
