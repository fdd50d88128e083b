/**
 * A classic hex dump: offset, the bytes in groups of eight, and the printable characters. Sixteen
 * bytes a line where the panel is wide enough, eight where it is not.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';

export function hexDumpText(hex: string, perLine = 16): string {
  const lines: string[] = [];
  const bytes = hex.length / 2;
  for (let at = 0; at < bytes; at += perLine) {
    let hexPart = '';
    let ascii = '';
    for (let i = 0; i < perLine; i++) {
      if (i > 0 && i % 8 === 0) hexPart += ' ';
      if (at + i < bytes) {
        const h = hex.slice((at + i) * 2, (at + i) * 2 + 2);
        const b = parseInt(h, 16);
        hexPart += `${h} `;
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else {
        hexPart += '   ';
      }
    }
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hexPart} |${ascii}|`);
  }
  return lines.join('\n');
}

/** Characters of a line for `perLine` bytes (offset, gaps, hex, bars, ASCII). */
const lineChars = (perLine: number): number => 8 + 2 + perLine * 3 + (perLine / 8 - 1) + 1 + perLine + 2;

export function HexDump({ hex, label }: { hex: string; label: string }) {
  const ref = useRef<HTMLPreElement>(null);
  const [perLine, setPerLine] = useState(16);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => {
      const style = getComputedStyle(el);
      const charWidth = parseFloat(style.fontSize) * 0.61;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      setPerLine(room >= lineChars(16) * charWidth ? 16 : 8);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const text = useMemo(() => hexDumpText(hex, perLine), [hex, perLine]);
  return <pre ref={ref} className="hexdump" aria-label={label} tabIndex={0}>{text || '(no bytes)'}</pre>;
}
