/**
 * The C++ Metakit 2.4.9.8 figures of docs/bench-workload.md (median [min-max] where the doc gives a
 * range), printed next to ours. They were measured on another day on a machine of the same kind:
 * absolute times drift ~1.5x, so the in-run ratios are the figures to compare.
 */

export interface CppFigure {
  /** What the doc says, verbatim enough to be recognised. */
  text: string;
  /** A representative number in the unit of the row it is printed with (ms, bytes, ns), if any. */
  value?: number;
}

export const CPP = {
  create1M: { text: '1.92 s [1.87-2.01]; 17,470 Ir/added row + 685 Ir/row at commit', value: 1920 },
  create1MSize: { text: '59,000,101 bytes', value: 59_000_101 },
  create1MRss: { text: 'peak RSS 86 MB', value: 86 * 1024 * 1024 },
  create100k: { text: '0.19 s', value: 190 },
  open: { text: '0.44 ms (lazy, mmap)', value: 0.44 },
  firstAccess: { text: '80-107 ms, 28 MB RSS (not lazy)', value: 93 },
  scanI: { text: '11 ms', value: 11 },
  scanD: { text: '11 ms', value: 11 },
  scanS: { text: '17 ms (lengths)', value: 17 },
  scanL: { text: '11 ms', value: 11 },
  scanB: { text: '16 ms', value: 16 },
  randomString: { text: '162-261 ns per read', value: 210 },
  rwCommit: { text: '~0.2 s (655 M Ir, 97% re-encoding S/B sizes)', value: 200 },
  extendCommit: { text: '0.28-0.35 s, +59 MB per commit; the 36th commit hits 2 GiB', value: 315 },
  asideCommit: { text: '0.5 s, +59 MB per commit; the 37th fails at 2 GiB', value: 500 },
  deletes: { text: '83 s (each delete is O(N))', value: 83_000 },
  compaction: { text: '0.13 s', value: 130 },
  compactedSize: { text: '53.1 MB', value: 53_100_000 },
  flush: { text: 'commit(full) broken (main alone segfaults); SaveTo of main+aside: 0.33 s', value: 330 },
  pageCacheWrite: { text: 'write 59 MB to the page cache: 22 ms', value: 22 },
  int32Loop: { text: 'sum of 1M int32: 0.34 ms', value: 0.34 },
} satisfies Record<string, CppFigure>;

/** Checksums of the 1M-row workload (doc: "Checksums for 1M rows"). */
export const CHECKSUMS_1M = {
  sumI: 499_999_500_000,
  sumD: 249_999_750_000,
  sumLenS: 19_999_990,
  sumLenBPlusLast: 143_500_000,
  /** Σl wrapped to int64. */
  sumL: 1_937_410_009_842_106_368n,
  /** Σlen of 1M random s reads (xorshift rows). */
  randomLenS: 19_997_607,
};

/**
 * sha256 of files the real Metakit 2.4.9.8 (the reference build, -O2) wrote for this workload, measured
 * on 2026-11-27 with the same generators: the bench checks that ours are byte-identical at scale.
 */
export const CPP_SHA256 = {
  /** The 1M-row file after 5 single-row commits in readwrite mode (rows 1,000,000..1,000,004). */
  readwrite1M5: '167444b615a93baa753d12866c4f8c3650330f93b0e59ae11af595772694b037',
  /** The 1M-row file after 3 single-row commits in extend mode. */
  extend1M3: '1266e25d755c02f8ce53b1aecdba5edc106d87d654cb5d786b621987f3b80a6d',
  /** The aside after 3 commits (seed pattern) on the 1M-row main (a new aside file). */
  aside1M3: 'fb9e52d2f0f8454b9a1809a7fa70c02681f5afb78b4ada9b582eff4de93414b6',
  /** The 10k-row file after 3 single-row commits in extend mode. */
  extend10k3: '951f904089c0532d84bbd8d51e8da84a8f6dd88f24488c19103e617c1c6f8838',
  /** The aside after 3 commits on the 10k-row main. */
  aside10k3: 'cfecf82b34c8354c926a6658f31c10accddb2d6cec12b307af133b184146588e',
  /** SaveTo into a new file after the 10% deletes (53,097,531 bytes). */
  compactedAfterDeletes: '2c448e4b60c76ab789d957542da74e0a969c5e85a0899742ed2ca79313c1d3f2',
};
