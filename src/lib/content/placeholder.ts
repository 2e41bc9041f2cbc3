/**
 * `npm run new` writes this marker into the body of every file it creates.
 * While it is there the notice is unfinished: `check` warns about drafts that
 * still hold it and refuses to publish a non-draft that does.
 */
export const PLACEHOLDER_MARKER = '<!-- shirase:placeholder -->';

export function holdsPlaceholder(body: string): boolean {
  return body.includes(PLACEHOLDER_MARKER);
}
