/**
 * A uPlot chart in React: created once per set of series, fed new data without being rebuilt (live
 * points arrive every second), sized to its container, coloured from the theme, with uPlot's legend
 * showing the values under the cursor (the hover values).
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  /** `bytes` (left axis) or another scale (right axis). */
  scale: string;
  /** CSS variable naming the colour. */
  color: string;
  kind: 'line' | 'step' | 'bars';
  format: (v: number) => string;
}

interface Props {
  title: string;
  /** x values, then one array per series. */
  data: uPlot.AlignedData;
  series: ChartSeries[];
  /** x is time in seconds (uPlot's time axis), else a plain number. */
  timeX: boolean;
  xLabel: string;
  formatX: (v: number) => string;
  height?: number;
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

function pathOf(kind: ChartSeries['kind']): uPlot.Series.PathBuilder | undefined {
  if (kind === 'bars') return uPlot.paths.bars?.({ size: [0.6, 40] });
  if (kind === 'step') return uPlot.paths.stepped?.({ align: 1 });
  return undefined;
}

function options(p: Props, width: number): uPlot.Options {
  const fg = cssVar('--muted');
  const grid = cssVar('--border');
  const scales = [...new Set(p.series.map((s) => s.scale))];
  // Bars are read from zero: their scale starts there.
  const barScales = new Set(p.series.filter((s) => s.kind === 'bars').map((s) => s.scale));
  const yScales = Object.fromEntries([...barScales].map((sc) => [sc, { range: (_u: uPlot, _min: number, max: number): [number, number] => [0, max > 0 ? max * 1.1 : 1] }]));
  const axis = (scale: string, side: 0 | 1 | 2 | 3, format: (v: number) => string): uPlot.Axis => ({
    scale, side, stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, size: 70,
    values: (_u, ticks) => ticks.map((t) => format(t)),
  });
  return {
    title: p.title,
    width,
    height: p.height ?? 220,
    // A number axis (commits) gets half a step of room at both ends, so the first and last bars show whole.
    scales: { ...yScales, x: p.timeX ? { time: true } : { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] } },
    cursor: { drag: { x: true, y: false } },
    legend: { live: true },
    series: [
      { label: p.xLabel, value: (_u, v) => (v === null ? '—' : p.formatX(v)) },
      ...p.series.map((s) => ({
        label: s.label,
        scale: s.scale,
        stroke: cssVar(s.color),
        fill: s.kind === 'bars' ? `${cssVar(s.color)}66` : undefined,
        width: s.kind === 'bars' ? 1 : 2,
        paths: pathOf(s.kind),
        points: { show: s.kind !== 'bars', size: 5 },
        value: (_u: uPlot, v: number | null) => (v === null ? '—' : s.format(v)),
      })),
    ],
    axes: [
      { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, ...(p.timeX ? {} : { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => p.formatX(t)) }) },
      ...scales.map((scale, i) => axis(scale, i === 0 ? 3 : 1, (p.series.find((s) => s.scale === scale) as ChartSeries).format)),
    ],
  };
}

export function UChart(props: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const shape = JSON.stringify([props.title, props.series.map((s) => [s.label, s.scale, s.kind, s.color]), props.timeX, props.height]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let u: uPlot | null = null;
    const build = (): void => {
      u?.destroy();
      u = new uPlot(options(latest.current, Math.max(200, el.clientWidth)), latest.current.data, el);
      chart.current = u;
    };
    build();
    const ro = new ResizeObserver(() => u?.setSize({ width: Math.max(200, el.clientWidth), height: latest.current.height ?? 220 }));
    ro.observe(el);
    // Colours come from the theme: rebuild when the OS switches between light and dark.
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', build);
    return () => {
      ro.disconnect();
      media.removeEventListener('change', build);
      u?.destroy();
      chart.current = null;
    };
  }, [shape]);

  useEffect(() => {
    chart.current?.setData(props.data);
  }, [props.data]);

  return <div className="chart" ref={box} role="figure" aria-label={props.title} />;
}
