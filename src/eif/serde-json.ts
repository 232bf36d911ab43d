// JSON text as Rust's serde_json writes nitro-cli's output. A JavaScript object cannot hold the key
// order serde_json writes: it always puts integer-like keys ("7", "10") first. So the order is decided
// here, when writing: a plain object is a `serde_json::Value` map (a BTreeMap: keys in byte order),
// and a JsonStruct is a Rust struct (fields in the order given, duplicates allowed, as serde's
// `#[serde(flatten)]` writes them).

/** An object written with its entries in the order given (a Rust struct). */
export class JsonStruct {
  constructor(readonly entries: ReadonlyArray<readonly [string, unknown]>) {}
}

/** serde_json's byte-wise key order (UTF-8), not JavaScript's UTF-16 order. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** `serde_json::to_string` (compact) or, with `pretty`, `to_string_pretty` (2-space indent). */
export function serdeJson(value: unknown, pretty = false): string {
  return write(value, pretty ? '\n' : undefined);
}

/** `newline`: the line break and indentation of the current level when pretty, else undefined. */
function write(value: unknown, newline: string | undefined): string {
  if (value instanceof JsonStruct) return container('{', '}', value.entries, newline);
  if (Array.isArray(value)) return container('[', ']', value.map((item) => [undefined, item] as const), newline);
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort(compareKeys);
    return container('{', '}', keys.map((key) => [key, (value as Record<string, unknown>)[key]] as const), newline);
  }
  return JSON.stringify(value) ?? 'null';
}

function container(open: string, close: string, entries: ReadonlyArray<readonly [string | undefined, unknown]>, newline: string | undefined): string {
  if (entries.length === 0) return open + close;
  const inner = newline === undefined ? undefined : `${newline}  `;
  const separator = newline === undefined ? ':' : ': ';
  const parts = entries.map(([key, item]) => (key === undefined ? '' : JSON.stringify(key) + separator) + write(item, inner));
  return open + (inner ?? '') + parts.join(`,${inner ?? ''}`) + (newline ?? '') + close;
}
