/**
 * The files a command reads, resolved in one place: FILE, and its aside — `--aside X` that file,
 * `--no-aside` none, else `x.mka` next to `x.mk` when it exists, attached automatically as the app
 * does (one stderr line says so). Every file is checked to be a regular file before anything is
 * opened, and where several are wrong the one error names each.
 *
 *   const files = resolveInputs(io, file, opts.aside, 'reading');   // may print the aside line
 *   const opened = openWithAside(io, files, (aside) => openReadOnly(files.main, aside));
 */
import { realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { MetakitError } from '../core/base/errors.js';
import { probeRegularFile } from '../node/openRegularFile.js';
import { asideNextTo, siblingAsidePath } from '../node/siblingAside.js';
import type { CliIo } from './io.js';

/** `--aside X` gives the path, `--no-aside` false, neither undefined (commander's negatable option). */
export type AsideOption = string | false | undefined;

export interface InputFiles {
  main: string;
  /** The aside to read through, if any. */
  aside: string | undefined;
  /** True when the aside was found next to FILE rather than named with --aside. */
  automatic: boolean;
}

/** What the command does with the files, for the stderr line about an aside found next to FILE. */
const DOING = {
  reading: (m: string, a: string) => `reading ${m} through its aside ${a}`,
  checking: (m: string, a: string) => `checking ${m} with its aside ${a}`,
  history: (m: string, a: string) => `listing the generations of ${a}, the aside of ${m}, each read with it`,
  watching: (m: string, a: string) => `watching ${m} and its aside ${a}`,
  exporting: (m: string, a: string) => `exporting from ${m} read through its aside ${a}`,
  readers: (m: string, a: string) => `listing who holds ${m} and its aside ${a}`,
} as const;

export type Verb = keyof typeof DOING;

/** Throws one MetakitError naming every path that is not an openable regular file. */
export function probeInputs(paths: readonly string[]): void {
  const problems = paths.map((p) => probeRegularFile(p)).filter((e): e is MetakitError => e !== null);
  const first = problems[0];
  if (!first) return;
  if (problems.length === 1) throw first;
  throw new MetakitError(first.code, problems.map((e) => e.message).join('; and '), { file: problems.map((e) => e.file).join(', ') });
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** The aside next to FILE as the app finds it (next to the real file when FILE is a symbolic link). */
export function automaticAside(main: string): string | null {
  const real = realOrResolved(main);
  const found = asideNextTo(real);
  if (found === null) return null;
  // Show the path the way the user wrote FILE when it is the same file.
  const written = siblingAsidePath(main);
  return written !== null && realOrResolved(written) === found ? written : found;
}

export function resolveInputs(io: CliIo, main: string, aside: AsideOption, verb: Verb): InputFiles {
  if (typeof aside === 'string') {
    probeInputs([main, aside]);
    return { main, aside, automatic: false };
  }
  probeInputs([main]);
  const found = aside === false ? null : automaticAside(main);
  if (found === null) return { main, aside: undefined, automatic: false };
  io.err(`mkinspect: ${DOING[verb](main, found)} (found next to it; --no-aside: the main file alone)\n`);
  return { main, aside: found, automatic: true };
}

/** `e` with its `file` (a store's base name) replaced by the path as given, when one input has that name. */
export function withInputPath(e: unknown, paths: readonly string[]): unknown {
  if (!(e instanceof MetakitError) || e.file === undefined) return e;
  const matches = paths.filter((p) => p !== e.file && basename(p) === e.file);
  if (matches.length !== 1) return e;
  const named = new MetakitError(e.code, e.message, { offset: e.offset, path: e.path, file: matches[0], cause: e.cause });
  named.stack = e.stack;
  return named;
}

/** Runs `work`; a MetakitError naming an input by its base name then names its path (sync or async). */
export function namingInputs<T>(paths: readonly (string | undefined)[], work: () => T): T {
  const given = paths.filter((p): p is string => p !== undefined);
  let result: T;
  try {
    result = work();
  } catch (e) {
    throw withInputPath(e, given);
  }
  if (result instanceof Promise) return result.catch((e: unknown) => { throw withInputPath(e, given); }) as T;
  return result;
}

/**
 * Opens with the aside; an automatically found aside that does not open or does not fit is left
 * out, as the app does, with a line on stderr saying why (an aside named with --aside is not).
 */
export function openWithAside<T>(io: CliIo, files: InputFiles, open: (aside: string | undefined) => T): T {
  const paths = [files.main, files.aside];
  if (!files.automatic || files.aside === undefined) return namingInputs(paths, () => open(files.aside));
  try {
    return namingInputs(paths, () => open(files.aside));
  } catch (e) {
    if (!(e instanceof MetakitError)) throw e;
    const alone = namingInputs([files.main], () => open(undefined));
    io.err(`mkinspect: the aside ${files.aside} was not attached (${e.code}: ${e.message}); reading ${files.main} alone\n`);
    files.aside = undefined;
    files.automatic = false;
    return alone;
  }
}
