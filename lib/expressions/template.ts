import type { JsonValue, Variables } from "./cel";

/** A `{{name}}` template split once into literal text and variable references. */
export interface CompiledTemplate {
  source: string;
  variables: string[];
  render(variables: Variables): string;
  /**
   * The same, or null as soon as the text would be longer than `maxLength`: a reply is bounded while it is built, so a
   * template that inserts a big variable many times never makes the long string at all.
   */
  renderWithin(variables: Variables, maxLength: number): string | null;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function compileTemplate(source: string): CompiledTemplate {
  const parts: Array<string | { name: string }> = [];
  const names: string[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    parts.push(source.slice(last, match.index));
    parts.push({ name });
    names.push(name);
    last = match.index + match[0].length;
  }
  parts.push(source.slice(last));
  if (names.length === 0)
    return { source, variables: names, render: () => source, renderWithin: (_, maxLength) => (source.length > maxLength ? null : source) };
  const renderWithin = (variables: Variables, maxLength: number): string | null => {
    let out = "";
    for (const part of parts) {
      out += typeof part === "string" ? part : display(variables[part.name]);
      if (out.length > maxLength) return null;
    }
    return out;
  };
  return {
    source,
    variables: names,
    render: (variables) => renderWithin(variables, Number.POSITIVE_INFINITY) ?? "",
    renderWithin,
  };
}

/** Missing variables render as empty text, like most template engines, so a reply is never "undefined". */
function display(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
