/** Latency samples in a growable typed array (a run holds up to ~1M of them), and their summary. */

export interface LatencySummary {
  readonly samples: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export class LatencySamples {
  private data = new Float64Array(1 << 16);
  private n = 0;

  get size(): number {
    return this.n;
  }

  add(ms: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = ms;
  }

  clear(): void {
    this.n = 0;
  }

  summary(): LatencySummary {
    const sorted = this.data.slice(0, this.n).sort();
    const at = (p: number) => (sorted.length === 0 ? NaN : round1(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!));
    return { samples: this.n, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.length === 0 ? NaN : round1(sorted[sorted.length - 1]!) };
  }
}
