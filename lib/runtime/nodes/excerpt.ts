/**
 * The start of a text quoted in a failure message: an expression may be 2,000 characters and a value 65,536, and the
 * message ends up in the session's end event and log, and on the node in the editor.
 */
export function excerpt(text: string, length = 80): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}
