import os from 'node:os';

/** What the figures were measured on; they mean little without it. */
export interface Machine {
  date: string;
  nproc: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  loadAverage: number[];
}

export function describeMachine(): Machine {
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}
