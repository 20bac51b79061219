// Loaded with `node --import`: on exit, appends this process's peak RSS (bytes)
// to the file named by READINESS_BENCH_RSS. Lets the benchmark measure the CLI
// without changing it.
//
// On Linux the peak is VmHWM from /proc/self/status, the high-water mark of this
// process's own memory. getrusage's ru_maxrss is not: Linux carries into it the
// resident size of the process before exec, which for a spawned child is that of
// its parent at fork (the benchmark, after it made a 1,000,000-row workbook, is
// some 400 MB), so every later case would read at least that much.
import { appendFileSync, readFileSync } from 'node:fs';

const target = process.env.READINESS_BENCH_RSS;
if (target) {
  process.on('exit', () => {
    let peak = process.resourceUsage().maxRSS * 1024;
    try {
      const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
      if (hwm) peak = Number(hwm[1]) * 1024;
    } catch {
      // not Linux: ru_maxrss is the process's own there
    }
    appendFileSync(target, `${peak}\n`);
  });
}
