// The core is compiled with `lib: ["ES2022"]` and no DOM/Node types, so the two encoding classes it
// uses (available in every JS runtime we target) are declared here, and nothing else.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
