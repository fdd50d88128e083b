/** Where CLI commands write: injectable so tests can run commands in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** Exit codes of mkinspect. */
export const EXIT = {
  ok: 0,
  /** A replay assertion (checksize/checkviews) failed, or `check` found problems. */
  failed: 1,
  /** Bad input: a file that is not Metakit, corrupt data, bad arguments. */
  badInput: 2,
  /** Other processes hold the files (flush refused). */
  busy: 3,
} as const;

/**
 * Codes of the CLI's own errors (next to the engine's MetakitError codes): a bad option, argument or
 * view path (`BAD_ARGUMENT`, the document service's code for the same mistakes), an output file that
 * exists (`EXISTS`), a failed file-system call outside the byte store (`IO`).
 */
export type CliErrorCode = 'BAD_ARGUMENT' | 'EXISTS' | 'IO';

/** Thrown by commands to end with a given exit code after printing their message. */
export class CliExit extends Error {
  constructor(readonly exitCode: number, message = '') {
    super(message);
  }

  /** Exit 2 with the one stderr line every error has: `mkinspect: error CODE: message`. */
  static badInput(code: CliErrorCode, message: string): CliExit {
    return new CliExit(EXIT.badInput, errorLine(code, message));
  }
}

export function errorLine(code: string, message: string): string {
  return `mkinspect: error ${code}: ${message}`;
}
