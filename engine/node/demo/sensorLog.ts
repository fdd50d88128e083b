/**
 * The demo's sensor log: `log[t:L,sensor:S,value:D,flags:I]`, one reading every 250 ms round-robin
 * over eight sensors, values following a slow daily curve plus seeded noise, flags marking readings
 * out of range (1) and calibration runs (2). 1M rows by default; fast, and the same on every run.
 */
import type { WritableView } from '../../core/write/writableView.js';
import { DemoRandom } from './random.js';

export const LOG_LAYOUT = 'log[t:L,sensor:S,value:D,flags:I]';

interface Sensor {
  name: string;
  base: number;
  swing: number;
  noise: number;
  min: number;
  max: number;
}

const SENSORS: readonly Sensor[] = [
  { name: 'boiler-1/temperature', base: 72, swing: 6, noise: 0.4, min: 60, max: 80 },
  { name: 'boiler-1/pressure', base: 2.1, swing: 0.3, noise: 0.05, min: 1.5, max: 2.6 },
  { name: 'boiler-2/temperature', base: 68, swing: 5, noise: 0.5, min: 60, max: 80 },
  { name: 'pump-3/rpm', base: 1450, swing: 120, noise: 15, min: 1200, max: 1650 },
  { name: 'hall/humidity', base: 45, swing: 10, noise: 1.5, min: 25, max: 60 },
  { name: 'hall/co2', base: 650, swing: 250, noise: 30, min: 350, max: 1000 },
  { name: 'roof/wind', base: 4, swing: 3, noise: 1.2, min: 0, max: 12 },
  { name: 'roof/solar', base: 300, swing: 300, noise: 20, min: 0, max: 950 },
];

/** 2024-03-01T00:00:00Z in milliseconds. */
const START = 1_709_251_200_000;
const DAY_MS = 86_400_000;

export type SensorReading = { t: bigint; sensor: string; value: number; flags: number };

/** Reading `i` of the log, drawing its noise from `rnd` (two draws per reading). */
function sensorReading(i: number, rnd: DemoRandom, row: SensorReading): SensorReading {
  const s = SENSORS[i & 7] as Sensor;
  const t = START + i * 250;
  const phase = ((t % DAY_MS) / DAY_MS) * 2 * Math.PI;
  let value = s.base + s.swing * Math.sin(phase - Math.PI / 2) + s.noise * (rnd.unit() * 2 - 1);
  if (rnd.below(50_000) === 0) value += s.swing * 4; // a rare spike
  value = Math.max(0, Math.round(value * 100) / 100);
  const calibrating = Math.floor(i / 8) % 100_000 < 40;
  row.t = BigInt(t);
  row.sensor = s.name;
  row.value = value;
  row.flags = (value < s.min || value > s.max ? 1 : 0) | (calibrating ? 2 : 0);
  return row;
}

export function appendSensorLog(view: WritableView, rows: number): void {
  const rnd = new DemoRandom(20240301);
  const row: SensorReading = { t: 0n, sensor: '', value: 0, flags: 0 };
  for (let i = 0; i < rows; i++) view.append(sensorReading(i, rnd, row));
}

/**
 * Reading `i` on its own (noise seeded by `i`), for writers that continue the log later — the demo
 * writer: the same sensors, times and value ranges, so its rows look like the rest and keep the
 * columns' int widths (a wider value would make the aside store the whole column again).
 */
export function sensorReadingAt(i: number): SensorReading {
  return sensorReading(i, new DemoRandom(0x9e3779b9 ^ i), { t: 0n, sensor: '', value: 0, flags: 0 });
}
