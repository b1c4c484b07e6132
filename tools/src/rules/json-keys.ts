/**
 * Keys that appear twice in one JSON object. JSON.parse keeps the last silently; Zendesk's
 * validator rejects the manifest (NoOverrideHash), so we look at the text. Assumes valid JSON.
 */
export function duplicateKeys(text: string): string[] {
  const stack: { keys: Set<string> | null; expectKey: boolean }[] = [];
  const duplicates: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) duplicates.push(key);
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    } else if (c === '{') stack.push({ keys: new Set(), expectKey: true });
    else if (c === '[') stack.push({ keys: null, expectKey: false });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && stack.at(-1)?.keys) stack.at(-1)!.expectKey = true;
  }
  return duplicates;
}
