/**
 * Structure descriptions (format §6): `name:T`, `name[sub,...]`, `name[^]` (recursive), parsed as
 * Metakit's c4_Field does, but validated: balanced brackets, one type letter, non-empty names, the
 * whole string consumed. A letter Metakit does not know is read as an int column, as Metakit reads it.
 * Property identity is by name, case-insensitively; later duplicates are dropped as Metakit drops them.
 */
import { MetakitError } from '../base/errors.js';

export type PropType = 'S' | 'I' | 'L' | 'F' | 'D' | 'B' | 'V';

export const PROP_TYPES: readonly PropType[] = ['S', 'I', 'L', 'F', 'D', 'B', 'V'];

export interface Field {
  readonly name: string;
  readonly type: PropType;
  /** Subfields of a `V` field; for a recursive `[^]` field, the very array of the enclosing view. */
  readonly fields: readonly Field[];
  /** True for `name[^]`: rows of this subview have the enclosing view's structure. */
  readonly recursive: boolean;
  /**
   * Set when the declared letter differs from the type: `M` (read and written as `B`; old-format files
   * need it), or a letter Metakit does not know (see `unknownType`).
   */
  readonly declared?: string;
  /**
   * The stored letter (`declared`, upper-cased) is none of S I L F D B M V: Metakit reads the column as
   * an int (`type` is `I`) and keeps the letter in its description, so it is written back unchanged.
   */
  readonly unknownType?: boolean;
}

/**
 * True for an ASCII letter Metakit does not know. c4_Field::c4_Field (src/field.cpp) keeps
 * `letter & ~0x20` (upper case) as the type, and f4_CreateFormat (src/format.cpp) turns a type it has
 * no format for into a c4_FormatX int handler ("turn bad definition type into an int property").
 * Verified with Metakit 2.4.9.8 on `t[x:Q]` (and `q`, `Z`, `A`): `mk::view layout` shows `x:Q`,
 * `mk::view info` shows `x:I`, and the values are those of the I column at every width. Other
 * characters (digits, punctuation) are also read as ints by Metakit, but they are no letters: the
 * masked code is a control character, which Mk4tcl's layout drops (`x:`); those stay refused here.
 */
function isUnknownLetter(upper: string): boolean {
  return upper >= 'A' && upper <= 'Z' && !'SILFDBMV'.includes(upper);
}

export interface ParseLimits {
  maxDepth: number;
  maxLength: number;
}

const DEFAULT_LIMITS: ParseLimits = { maxDepth: 64, maxLength: 1 << 20 };

class Parser {
  pos = 0;
  constructor(
    readonly text: string,
    readonly limits: ParseLimits,
    readonly origin: number | undefined,
  ) {}

  fail(expected: string): never {
    const found = this.pos < this.text.length ? `'${this.text[this.pos]}'` : 'the end';
    throw new MetakitError('BAD_STRUCTURE', `expected ${expected} at character ${this.pos} of description "${abbreviate(this.text)}", but found ${found}`, {
      offset: this.origin,
    });
  }

  /** Parses `field ("," field)*` into `target`, up to (not including) the closing `]` or the end. */
  fieldList(depth: number, target: Field[]): void {
    if (this.pos >= this.text.length || this.text[this.pos] === ']') return;
    // A set, not a scan of `target`: a description may list 100,000 fields.
    const names = new Set(target.map((g) => g.name.toLowerCase()));
    for (;;) {
      const f = this.field(depth, target);
      const key = f.name.toLowerCase();
      if (!names.has(key)) {
        names.add(key);
        target.push(f);
      }
      if (this.text[this.pos] !== ',') return;
      this.pos++;
    }
  }

  /** `owner` is the field array of the view being parsed: a recursive `[^]` field shares it. */
  field(depth: number, owner: Field[]): Field {
    if (depth > this.limits.maxDepth) {
      throw new MetakitError('LIMIT_EXCEEDED', `expected subviews nested at most ${this.limits.maxDepth} deep, but description "${abbreviate(this.text)}" nests deeper`, {
        offset: this.origin,
      });
    }
    const start = this.pos;
    while (this.pos < this.text.length && !',[]:'.includes(this.text[this.pos] as string)) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (name.length === 0) this.fail('a property name');
    let type: PropType = 'S';
    let declared: string | undefined;
    let unknown = false;
    if (this.text[this.pos] === ':') {
      this.pos++;
      const letter = this.text[this.pos];
      if (letter === undefined) this.fail('a type letter');
      const upper = letter.length === 1 && letter < '\u0080' ? letter.toUpperCase() : letter;
      if (upper === 'M') {
        type = 'B';
        declared = 'M';
      } else if (isUnknownLetter(upper)) {
        type = 'I';
        declared = upper;
        unknown = true;
      } else if ((PROP_TYPES as readonly string[]).includes(upper)) {
        type = upper as PropType;
      } else {
        this.fail('a type letter (S I L F D B M V, or another letter, read as I)');
      }
      this.pos++;
      const next = this.text[this.pos];
      if (next !== undefined && !',[]'.includes(next)) this.fail("',' or ']' after the type letter");
    }
    if (this.text[this.pos] !== '[') {
      if (type === 'V') this.fail("'[' after a V type");
      if (unknown) return { name, type, fields: [], recursive: false, declared, unknownType: true };
      return declared ? { name, type, fields: [], recursive: false, declared } : { name, type, fields: [], recursive: false };
    }
    this.pos++;
    if (this.text[this.pos] === '^') {
      this.pos++;
      if (this.text[this.pos] !== ']') this.fail("']' after '^'");
      this.pos++;
      return { name, type: 'V', fields: owner, recursive: true };
    }
    const sub: Field[] = [];
    this.fieldList(depth + 1, sub);
    if (this.text[this.pos] !== ']') this.fail("']' closing the subview");
    this.pos++;
    return { name, type: 'V', fields: sub, recursive: false };
  }
}

function abbreviate(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/**
 * Parses the description stored in a root walk (the part inside the implicit root brackets), e.g.
 * `a[i:S,n:I],b[x:D]`. `origin` is the file offset of the description, for messages.
 */
export function parseDescription(text: string, options: { origin?: number; limits?: Partial<ParseLimits> } = {}): Field[] {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (text.length > limits.maxLength) {
    throw new MetakitError('LIMIT_EXCEEDED', `expected a description of at most ${limits.maxLength} characters, but found ${text.length}`, {
      offset: options.origin,
    });
  }
  const p = new Parser(text, limits, options.origin);
  const top: Field[] = [];
  p.fieldList(1, top);
  if (p.pos !== text.length) p.fail("',' or the end of the description");
  return top;
}

/** Parses one view layout such as `people[name:S,age:I]` (the form used by getAs and the CLI). */
export function parseLayout(layout: string): Field {
  const fields = parseDescription(layout);
  if (fields.length !== 1 || (fields[0] as Field).type !== 'V') {
    throw new MetakitError('BAD_STRUCTURE', `expected one view layout like "name[p:S,q:I]", but found "${abbreviate(layout)}"`);
  }
  return fields[0] as Field;
}

/**
 * Metakit's Description() (c4_Field::Description, src/field.cpp), the text stored in a root walk:
 * `name:T` or `name[...]`, recursive ones as `name[^]`, an unknown letter as stored.
 */
export function describeField(f: Field): string {
  if (f.type !== 'V') return `${f.name}:${f.unknownType ? f.declared : f.type}`;
  if (f.recursive) return `${f.name}[^]`;
  return `${f.name}[${describeFields(f.fields)}]`;
}

export function describeFields(fields: readonly Field[]): string {
  return fields.map(describeField).join(',');
}

/**
 * A property as Metakit's `mk::view layout` shows it, in description syntax (the corpus' dump.tcl
 * conversion: `{self {}}` becomes `self[]`): like describeField, except that a recursive subview is
 * `name[]`. Mk4tcl's KitToTclDesc (tcl/mk4tcl.cpp) copies only name characters and `:`, so the `^`
 * of `self[^]` is dropped: for `r[data:S,self[^]]` Metakit 2.4.9.8 prints `data {self {}}`.
 */
export function layoutOfField(f: Field): string {
  if (f.type !== 'V') return describeField(f);
  if (f.recursive) return `${f.name}[]`;
  return `${f.name}[${layoutOfFields(f.fields)}]`;
}

export function layoutOfFields(fields: readonly Field[]): string {
  return fields.map(layoutOfField).join(',');
}

const fieldIndexes = new WeakMap<readonly Field[], Map<string, number>>();

/** Index of a property by name, case-insensitively (Metakit's property identity); -1 if absent. */
export function findField(fields: readonly Field[], name: string): number {
  let index = fieldIndexes.get(fields);
  if (!index || index.size !== fields.length) {
    index = new Map();
    for (let i = fields.length - 1; i >= 0; i--) index.set((fields[i] as Field).name.toLowerCase(), i);
    fieldIndexes.set(fields, index);
  }
  const exact = index.get(name);
  if (exact !== undefined && (fields[exact] as Field).name === name) return exact;
  return index.get(name.toLowerCase()) ?? -1;
}
