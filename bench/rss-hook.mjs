// Loaded with `node --import`: on exit, appends this process's peak RSS (bytes)
// to the file named by READINESS_BENCH_RSS. Lets the benchmark measure the CLI
// without changing it.
import { appendFileSync } from 'node:fs';

const target = process.env.READINESS_BENCH_RSS;
if (target) {
  process.on('exit', () => {
    appendFileSync(target, `${process.resourceUsage().maxRSS * 1024}\n`);
  });
}
