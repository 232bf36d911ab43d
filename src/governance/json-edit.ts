// Minimal-diff edits of JSON text: append a string to an existing array in place, copying the
// separator and indentation the array already uses, so a reviewer sees only the added line.

interface Span {
  start: number;
  end: number;
}

interface ArraySpan extends Span {
  elements: Span[];
  depth: number;
}

/** Finds the array at `path` (object keys) with its element spans; undefined if absent or not an array. */
export function findArray(text: string, path: string[]): ArraySpan | undefined {
  let found: ArraySpan | undefined;
  let pos = 0;
  const ws = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos]!)) pos++;
  };
  const string = (): string => {
    const start = pos++;
    while (text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (at: string[], depth: number): Span => {
    ws();
    const start = pos;
    const target = at.length === path.length && at.every((k, i) => k === path[i]);
    if (text[pos] === '{') {
      pos++;
      ws();
      while (text[pos] !== '}') {
        ws();
        const key = string();
        ws();
        pos++; // ':'
        value([...at, key], depth + 1);
        ws();
        if (text[pos] === ',') pos++;
        ws();
      }
      pos++;
    } else if (text[pos] === '[') {
      pos++;
      const elements: Span[] = [];
      ws();
      while (text[pos] !== ']') {
        elements.push(value([...at, String(elements.length)], depth + 1));
        ws();
        if (text[pos] === ',') pos++;
        ws();
      }
      pos++;
      if (target) found = { start, end: pos, elements, depth };
    } else if (text[pos] === '"') {
      string();
    } else {
      while (pos < text.length && !',]} \t\r\n'.includes(text[pos]!)) pos++;
    }
    return { start, end: pos };
  };
  value([], 0);
  return found;
}

/** Whether a one-line file puts a space after its commas and colons (outside strings). */
function usesSpaces(text: string): boolean {
  return /[,:] /.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

/**
 * Appends `itemJson` to the array: after the last element with the separator the array already
 * uses; into an empty array on its own indented line (multi-line files) or inline.
 */
export function appendToArray(text: string, array: ArraySpan, itemJson: string, layout: { indent: string; eol: string }): string {
  const { elements } = array;
  const last = elements[elements.length - 1];
  let insert: string;
  let at: number;
  if (last && elements.length >= 2) {
    insert = text.slice(elements[elements.length - 2]!.end, last.start) + itemJson;
    at = last.end;
  } else if (last) {
    const lead = text.slice(array.start + 1, last.start);
    insert = (lead.includes('\n') ? `,${lead}` : usesSpaces(text) ? ', ' : ',') + itemJson;
    at = last.end;
  } else if (layout.indent) {
    const inner = layout.indent.repeat(array.depth + 1);
    return `${text.slice(0, array.start)}[${layout.eol}${inner}${itemJson}${layout.eol}${layout.indent.repeat(array.depth)}]${text.slice(array.end)}`;
  } else {
    return `${text.slice(0, array.start)}[${itemJson}]${text.slice(array.end)}`;
  }
  return text.slice(0, at) + insert + text.slice(at);
}

/**
 * The deepest nesting of objects and arrays in JSON text (strings skipped), in one iterative pass: the
 * recursive walks here and JSON.stringify overflow the call stack a few thousand levels down.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth > max) max = depth;
    } else if (c === '}' || c === ']') {
      depth--;
    }
  }
  return max;
}
