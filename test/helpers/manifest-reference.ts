// The manifest text as the builder wrote it when it held the whole manifest in memory (one string):
// the reference the streaming writer must equal byte for byte, and a way for tests to write
// manifests of any content. Not the code under test: a frozen copy of the earlier renderer.

export interface ReferenceManifest {
  readonly schema: string;
  readonly ramdisk: string;
  readonly size: number;
  readonly sha384: string;
  readonly entries: readonly object[];
}

export function renderManifestReference(manifest: ReferenceManifest): string {
  const head = JSON.stringify({ schema: manifest.schema, ramdisk: manifest.ramdisk, size: manifest.size, sha384: manifest.sha384 }, null, 2);
  const lines = manifest.entries.map((entry) => `    ${JSON.stringify(entry)}`);
  return `${head.slice(0, -2)},\n  "entries": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** A manifest of `entries` with a placeholder head, as text. */
export function manifestText(entries: readonly object[], head: Partial<ReferenceManifest> = {}): string {
  return renderManifestReference({ schema: 'nitro-eif-build/ramdisk-manifest@1', ramdisk: 'customer', size: 512, sha384: 'a'.repeat(96), entries, ...head });
}
