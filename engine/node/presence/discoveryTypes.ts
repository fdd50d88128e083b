/** Types shared by the OS discovery back-ends (/proc, lsof) and the holders list. */
import type { DiscoveredHandle, FileRole } from '../../core/analysis/presence.js';

/** A file to look for, identified by device and inode (stat with bigint: inodes can exceed 2^53). */
export interface FileTarget {
  file: FileRole;
  /** Canonical path (symlinks resolved). */
  path: string;
  dev: bigint;
  ino: bigint;
}

export interface DiscoveryResult {
  /** False where the OS cannot be asked (Windows): only registered processes are seen. */
  supported: boolean;
  method: 'proc' | 'lsof' | 'none';
  handles: DiscoveredHandle[];
  processesScanned: number;
  /** Processes whose handles we were not allowed to see (other users). */
  processesInaccessible: number;
  /** True if every process on this machine was inspected. */
  complete: boolean;
  /** What the operator should know about the coverage, or null. */
  note: string | null;
}
