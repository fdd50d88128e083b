/** Structure descriptions (format §6): parse/describe round trips, `[^]`, duplicates, M→B, every syntax error. */
import { describe, expect, it } from 'vitest';
import { describeField, describeFields, findField, layoutOfField, layoutOfFields, parseDescription, parseLayout, type Field } from '../../engine/core/read/structure.js';
import { expectMkError } from '../helpers/bytes.js';

describe('parseDescription', () => {
  it('t1: a[i:S,n:I]', () => {
    const fields = parseDescription('a[i:S,n:I]');
    expect(fields).toHaveLength(1);
    const a = fields[0] as Field;
    expect(a).toMatchObject({ name: 'a', type: 'V', recursive: false });
    expect(a.fields.map((f) => [f.name, f.type])).toEqual([['i', 'S'], ['n', 'I']]);
  });

  it('round-trips the descriptions of the doc and the corpus', () => {
    for (const d of [
      'a[i:S,n:I]',
      't[i:I,l:L,f:F,d:D,s:S,b:B,m:B]',
      'n[name:S,kids[k:I,deep[z:S]]],r[data:S,self[^]]',
      '_C[_O:I,_D[_K:I,_R:I,_B:B]]',
      'a[p1:I,s:S],b[q:I]',
      'e[]',
      'x:I,y:S',
      '',
    ]) {
      expect(describeFields(parseDescription(d))).toBe(d);
    }
  });

  it('the empty description has no fields', () => {
    expect(parseDescription('')).toEqual([]);
  });

  it('a field without a type is S; the type letter is upper-cased', () => {
    const f = parseDescription('v[name,age:i,x:d]')[0] as Field;
    expect(f.fields.map((g) => g.type)).toEqual(['S', 'I', 'D']);
    expect(describeField(f)).toBe('v[name:S,age:I,x:D]');
  });

  it('M is read as B and remembers its declared letter', () => {
    const f = (parseDescription('t[m:M,n:m,b:B]')[0] as Field).fields;
    expect(f.map((g) => g.type)).toEqual(['B', 'B', 'B']);
    expect(f[0]?.declared).toBe('M');
    expect(f[1]?.declared).toBe('M');
    expect(f[2]?.declared).toBeUndefined();
    expect(describeFields(f)).toBe('m:B,n:B,b:B');
  });

  it('`[^]` shares the enclosing view\'s field array (recursion)', () => {
    const r = parseDescription('r[data:S,self[^]]')[0] as Field;
    const self = r.fields[1] as Field;
    expect(self).toMatchObject({ name: 'self', type: 'V', recursive: true });
    expect(self.fields).toBe(r.fields);
    expect((self.fields[1] as Field).fields).toBe(r.fields);
    expect(describeField(r)).toBe('r[data:S,self[^]]');
  });

  it('`[^]` at the top level refers to the root fields', () => {
    const top = parseDescription('a:I,t[^]');
    expect((top[1] as Field).fields).toBe(top);
  });

  it('a V type followed by brackets is a subview; `name:V[...]` is accepted', () => {
    const f = parseDescription('t:V[x:I]')[0] as Field;
    expect(f).toMatchObject({ type: 'V' });
    expect(f.fields[0]).toMatchObject({ name: 'x', type: 'I' });
  });

  it('brackets after any type make a subview (Metakit ignores the letter)', () => {
    expect(parseDescription('t:I[x:I]')[0]).toMatchObject({ type: 'V' });
  });

  it('drops later duplicates case-insensitively (siblings only)', () => {
    const f = parseDescription('a[x:I,X:S,y:D,x:B],b[x:S]');
    expect((f[0] as Field).fields.map((g) => `${g.name}:${g.type}`)).toEqual(['x:I', 'y:D']);
    expect((f[1] as Field).fields.map((g) => g.name)).toEqual(['x']);
    expect(parseDescription('a:I,A:S').map((g) => g.name)).toEqual(['a']);
  });

  it('keeps names as written, including spaces and non-ASCII', () => {
    const f = parseDescription('my view[größe:I,a b:S]')[0] as Field;
    expect(f.name).toBe('my view');
    expect(f.fields.map((g) => g.name)).toEqual(['größe', 'a b']);
  });

  it('findField matches case-insensitively', () => {
    const f = (parseDescription('t[Name:S,age:I]')[0] as Field).fields;
    expect(findField(f, 'name')).toBe(0);
    expect(findField(f, 'AGE')).toBe(1);
    expect(findField(f, 'x')).toBe(-1);
  });

  it('issue 13.4: a letter Metakit does not know is an I column keeping its (upper-cased) letter', () => {
    const f = (parseDescription('t[x:Q,y:z,n:I,a:A]')[0] as Field).fields;
    expect(f.map((g) => [g.name, g.type, g.declared, g.unknownType])).toEqual([
      ['x', 'I', 'Q', true],
      ['y', 'I', 'Z', true],
      ['n', 'I', undefined, undefined],
      ['a', 'I', 'A', true],
    ]);
    // Written back as stored (upper-cased, as Metakit's Description() writes it on commit).
    expect(describeFields(f)).toBe('x:Q,y:Z,n:I,a:A');
    expect(layoutOfFields(f)).toBe('x:Q,y:Z,n:I,a:A');
  });

  it('issue 13.4: an unknown letter followed by brackets is a subview, as any letter is', () => {
    const f = parseDescription('t:Q[x:I]')[0] as Field;
    expect(f).toMatchObject({ type: 'V', recursive: false });
    expect(f.unknownType).toBeUndefined();
  });

  it('issue 13.4: layoutOfField prints a recursive subview as Metakit\'s mk::view layout does, without ^', () => {
    const [n, r] = parseDescription('n[name:S,kids[k:I,deep[z:S]]],r[data:S,self[^]]') as [Field, Field];
    expect(layoutOfField(r)).toBe('r[data:S,self[]]');
    expect(describeField(r)).toBe('r[data:S,self[^]]');
    expect(layoutOfField(n)).toBe(describeField(n));
  });

  it('parseLayout takes one view layout', () => {
    expect(describeField(parseLayout('people[name:S,tags[tag:S]]'))).toBe('people[name:S,tags[tag:S]]');
  });
});

describe('description errors', () => {
  const d = (text: string) => () => parseDescription(text, { origin: 500 });
  const cases: [string, string][] = [
    ['t[x:I,', 'expected a property name at character 6 of description "t[x:I,", but found the end'],
    ['t[x:I', 'expected \']\' closing the subview at character 5 of description "t[x:I", but found the end'],
    ['t[x:I]]', 'expected \',\' or the end of the description at character 6 of description "t[x:I]]", but found \']\''],
    [']', 'expected \',\' or the end of the description at character 0 of description "]", but found \']\''],
    ['t[x:]', 'expected a type letter (S I L F D B M V, or another letter, read as I) at character 4 of description "t[x:]", but found \']\''],
    ['t[x:?]', 'expected a type letter (S I L F D B M V, or another letter, read as I) at character 4 of description "t[x:?]", but found \'?\''],
    ['t[x:1]', 'expected a type letter (S I L F D B M V, or another letter, read as I) at character 4 of description "t[x:1]", but found \'1\''],
    ['t[x:é]', 'expected a type letter (S I L F D B M V, or another letter, read as I) at character 4 of description "t[x:é]", but found \'é\''],
    ['t[x:', 'expected a type letter at character 4 of description "t[x:", but found the end'],
    ['t[x:QQ]', 'expected \',\' or \']\' after the type letter at character 5 of description "t[x:QQ]", but found \'Q\''],
    ['t[x:II]', 'expected \',\' or \']\' after the type letter at character 5 of description "t[x:II]", but found \'I\''],
    ['t[x:I:S]', 'expected \',\' or \']\' after the type letter at character 5 of description "t[x:I:S]", but found \':\''],
    ['t[x:V]', 'expected \'[\' after a V type at character 5 of description "t[x:V]", but found \']\''],
    ['t[,x:I]', 'expected a property name at character 2 of description "t[,x:I]", but found \',\''],
    [',', 'expected a property name at character 0 of description ",", but found \',\''],
    ['a,', 'expected a property name at character 2 of description "a,", but found the end'],
    [':I', 'expected a property name at character 0 of description ":I", but found \':\''],
    ['[x:I]', 'expected a property name at character 0 of description "[x:I]", but found \'[\''],
    ['t[^', 'expected \']\' after \'^\' at character 3 of description "t[^", but found the end'],
    ['t[^x]', 'expected \']\' after \'^\' at character 3 of description "t[^x]", but found \'x\''],
    ['t[x:I]y', 'expected \',\' or the end of the description at character 6 of description "t[x:I]y", but found \'y\''],
  ];
  for (const [text, message] of cases) {
    it(`BAD_STRUCTURE: "${text}"`, () => {
      const e = expectMkError(d(text), 'BAD_STRUCTURE', message);
      expect(e.offset).toBe(500);
    });
  }

  it('BAD_STRUCTURE: long descriptions are abbreviated in the message', () => {
    const long = `t[${'x'.repeat(200)}:?]`;
    expectMkError(() => parseDescription(long), 'BAD_STRUCTURE', /^expected a type letter .* at character 203 of description "t\[x{115}\.\.\.", but found '\?'$/);
  });

  it('LIMIT_EXCEEDED: nesting deeper than maxDepth', () => {
    const nest = (n: number): string => (n === 0 ? 'x:I' : `v${n}[${nest(n - 1)}]`);
    expect(() => parseDescription(nest(4), { limits: { maxDepth: 5 } })).not.toThrow();
    expectMkError(() => parseDescription(nest(5), { origin: 9, limits: { maxDepth: 5 } }), 'LIMIT_EXCEEDED',
      'expected subviews nested at most 5 deep, but description "v5[v4[v3[v2[v1[x:I]]]]]" nests deeper');
  });

  it('LIMIT_EXCEEDED: deep nesting at the default limit (64) ends with an error, not a stack overflow', () => {
    const deep = `${'v['.repeat(100_000)}${']'.repeat(100_000)}`;
    expectMkError(() => parseDescription(deep), 'LIMIT_EXCEEDED', /^expected subviews nested at most 64 deep, but description ".{117}\.\.\." nests deeper$/);
  });

  it('LIMIT_EXCEEDED: description longer than maxLength', () => {
    expectMkError(() => parseDescription('a:I,b:I', { origin: 3, limits: { maxLength: 6 } }), 'LIMIT_EXCEEDED', 'expected a description of at most 6 characters, but found 7');
  });

  it('BAD_STRUCTURE: parseLayout needs exactly one view', () => {
    expectMkError(() => parseLayout('a:I'), 'BAD_STRUCTURE', 'expected one view layout like "name[p:S,q:I]", but found "a:I"');
    expectMkError(() => parseLayout('a[x:I],b[y:I]'), 'BAD_STRUCTURE', 'expected one view layout like "name[p:S,q:I]", but found "a[x:I],b[y:I]"');
  });
});

describe('large descriptions', () => {
  it('regression (quadratic duplicate check): 100,000 fields parse in linear time, duplicates still dropped', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `f${i}:I`);
    const fields = parseDescription(`v[${names.join(',')},F5:S,f99999:B]`);
    const v = fields[0] as Field;
    expect(v.fields.length).toBe(100_000);
    expect(v.fields[5]).toMatchObject({ name: 'f5', type: 'I' });
    expect(v.fields[99_999]).toMatchObject({ name: 'f99999', type: 'I' });
  });
});
