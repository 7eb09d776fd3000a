/**
 * Safe HTML: the `html` tagged template escapes every interpolated value unless it is already `Html`
 * (made by `html` itself or, for trusted fixed markup, by `raw`). Arrays are joined, null, undefined
 * and false render nothing, so conditionals read naturally: ${cond && html`…`}.
 */

/** A piece of markup that is safe to insert as it is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map((v: Interpolation) => render(v)).join('');
  return escapeHtml(String(value));
}

/** The tagged template: `html\`<p>${text}</p>\`` escapes `text`. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Trusted markup that is inserted unescaped: only for fixed strings written in this code, never input. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** Text with line breaks kept: paragraphs split on blank lines, single newlines become <br>. */
export function multiline(text: string | null | undefined): Html {
  if (!text) return raw('');
  const blocks = text.split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean);
  return html`${blocks.map((block) => html`<p>${block.split('\n').map((line, i) => html`${i > 0 && raw('<br>')}${line}`)}</p>`)}`;
}

/** Whether a list has items (a type guard, so `${nonEmpty(list) && html`…`}` never prints a 0). */
export function nonEmpty<T>(list: readonly T[] | null | undefined): list is readonly T[] {
  return Array.isArray(list) && list.length > 0;
}
