// Benchmarks print figures for people and one JSON line for machines:
//   BENCH {"name":"...","figures":{...}}
export function report(name: string, figures: Record<string, number>, notes: string[] = []): void {
  console.log(`\n${name}`);
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(34)} ${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}`);
  for (const note of notes) console.log(`  (${note})`);
  console.log(`BENCH ${JSON.stringify({ name, figures })}`);
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
