/**
 * What every benchmark scenario reports: one row per scenario and size, each figure next to the
 * limit it is judged by (measured in the same run), the ratio, the goal and whether it was met.
 */
import os from 'node:os';

export interface Row {
  readonly scenario: string;
  readonly size: string;
  readonly figures: Record<string, number>;
  /** The limit, measured in the same run (or a fixed budget), in words with its value. */
  readonly limit: string;
  readonly ratio: number;
  readonly goal: string;
  readonly met: boolean;
}

export interface BenchOptions {
  /** A tiny, fast version that only keeps the benchmark working (npm test runs it). */
  readonly quick: boolean;
}

export type Scenario = (opts: BenchOptions) => Promise<Row[]>;

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))]!;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function machineDescription(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`;
}

export function table(rows: readonly Row[]): string {
  const lines = ['| scenario | size | figures | limit (same run) | ratio | goal | met |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const figures = Object.entries(r.figures)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    lines.push(`| ${r.scenario} | ${r.size} | ${figures} | ${r.limit} | ${r.ratio} | ${r.goal} | ${r.met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}
