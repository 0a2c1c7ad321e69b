import fs from 'node:fs';

import type { DeskProcess } from '../lib/desk-process';

/** Resident memory of the desk's processes, sampled over time. */
export interface RssSample {
  atS: number;
  phase: string;
  webMiB: number;
  workerMiB: number;
}

type MemoryKey = 'webMiB' | 'workerMiB';
type Half = 'first' | 'second';

export class RssSampler {
  readonly samples: RssSample[] = [];
  private readonly began = Date.now();
  private timer: NodeJS.Timeout | null = null;

  /** `file`, when given, gets every sample as it is taken: a hung run keeps them. */
  constructor(
    private readonly web: DeskProcess,
    private readonly worker: DeskProcess,
    private readonly file?: string,
  ) {}

  sample(phase: string): RssSample {
    const sample = {
      atS: Math.round((Date.now() - this.began) / 1000),
      phase,
      webMiB: this.web.running ? this.web.rssMiB() : Number.NaN,
      workerMiB: this.worker.running ? this.worker.rssMiB() : Number.NaN,
    };
    this.samples.push(sample);
    if (this.file) fs.writeFileSync(this.file, JSON.stringify(this.samples));
    return sample;
  }

  every(ms: number, phase: string): void {
    this.stop();
    this.timer = setInterval(() => this.sample(phase), ms);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Mean of the samples in one half of a phase. */
  mean(phase: string, key: MemoryKey, half: Half): number {
    const part = this.half(phase, key, half);
    return Math.round((part.reduce((a, b) => a + b, 0) / part.length) * 10) / 10;
  }

  /**
   * The lowest sample in one half of a phase: what is left right after a
   * collection. Resident memory under load is a sawtooth whose peaks fall
   * where garbage happens to pile up; a leak shows as a floor that rises.
   */
  floor(phase: string, key: MemoryKey, half: Half): number {
    return Math.min(...this.half(phase, key, half));
  }

  private half(phase: string, key: MemoryKey, half: Half): number[] {
    const of = this.samples.filter((s) => s.phase === phase).map((s) => s[key]);
    const middle = Math.floor(of.length / 2);
    return half === 'first' ? of.slice(0, Math.max(1, middle)) : of.slice(middle);
  }
}
