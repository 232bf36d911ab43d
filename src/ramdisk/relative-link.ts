// Hard links become relative symlinks in linuxkit's initrd writer: the target is Go's
// `filepath.Rel(filepath.Dir(name), linkname)`, or `"/" + linkname` when Rel fails. These are
// faithful ports of Go's path semantics (slash-separated, Unix) so odd names give the same bytes.

/** Go's `path.Clean`: lexical shortest equivalent path. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Go's `path.Dir`: everything but the last element, cleaned. */
export function dirPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return cleanPath(path.slice(0, slash + 1));
}

/** Go's `filepath.Rel` on Unix; `undefined` where Go returns an error. */
export function relativePath(basePath: string, targetPath: string): string | undefined {
  const base = cleanPath(basePath);
  const target = cleanPath(targetPath);
  if (base === target) return '.';
  const baseParts = base === '.' ? [] : splitPath(base);
  const targetParts = splitPath(target);
  if (base.startsWith('/') !== target.startsWith('/')) return undefined;
  let common = 0;
  while (common < baseParts.length && common < targetParts.length && baseParts[common] === targetParts[common]) {
    common += 1;
  }
  const up = baseParts.slice(common);
  if (up[0] === '..') return undefined;
  const down = targetParts.slice(common);
  return [...up.map(() => '..'), ...down].join('/');
}

function splitPath(path: string): string[] {
  // A rooted path keeps an empty first element, as Go's byte walk compares it too.
  return path === '/' ? [''] : path.split('/');
}

/** The symlink target linuxkit writes for hard link `name` whose data lives at `linkname`. */
export function hardLinkTarget(name: string, linkname: string): string {
  return relativePath(dirPath(name), linkname) ?? `/${linkname}`;
}
