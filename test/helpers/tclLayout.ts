/**
 * Metakit's `mk::view layout` answers (Tcl lists such as `data {self {}}`) in description syntax, as
 * the corpus' dump.tcl (tclToKitProps) converts them for expected.json: a bare name is `name:S`,
 * `{sub {...}}` is `sub[...]`. For tests that compare with answers recorded from the real library.
 */

/** Splits one level of a Tcl list: whitespace-separated words, `{...}` grouping (no escapes needed here). */
export function tclListElements(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    if (text[i] === '{') {
      let depth = 1;
      const start = ++i;
      while (i < text.length && depth > 0) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}') depth--;
        i++;
      }
      if (depth !== 0) throw new Error(`unbalanced braces in Tcl list "${text}"`);
      out.push(text.slice(start, i - 1));
    } else {
      const start = i;
      while (i < text.length && !/\s/.test(text[i] as string)) i++;
      out.push(text.slice(start, i));
    }
  }
  return out;
}

/** `{a b:I {sub {x:D}}}` → `a:S,b:I,sub[x:D]` (dump.tcl's tclToKitProps). */
export function tclLayoutToDescription(tcl: string): string {
  return tclListElements(tcl)
    .map((el) => {
      const parts = tclListElements(el);
      if (parts.length === 2) return `${parts[0]}[${tclLayoutToDescription(parts[1] as string)}]`;
      if (parts.length !== 1) throw new Error(`cannot parse layout element "${el}"`);
      const word = parts[0] as string;
      return /^.*:[A-Z]$/.test(word) ? word : `${word}:S`;
    })
    .join(',');
}
