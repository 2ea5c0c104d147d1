// Escaping for what the report writes into its HTML: text and attribute values, and data
// inside <script> elements. Not part of the public API.

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or a quoted attribute value → HTML (the five characters that matter escaped). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * A value → JSON that is safe inside a `<script>` element: `<`, `>` and `&` become `\u003c`,
 * `\u003e`, `\u0026` (so no `</script>` or `<!--` can appear), and U+2028 / U+2029 are
 * escaped too. JSON.parse reads it back unchanged. NaN and ±Infinity are not JSON: the
 * caller turns them into whitespace bars or strings first.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * JavaScript source → the body of an inline `<script>` element. The HTML parser ends a
 * script at `</script` and treats `<!--` specially, and no escape is right in every
 * JavaScript context (string, regex, comment), so a source holding either is refused.
 */
export function inlineScript(source: string, what: string): string {
  if (/<\/script|<!--/i.test(source)) throw new Error(`hean report: ${what} contains "</script" or "<!--" and cannot be inlined safely`);
  return source;
}
