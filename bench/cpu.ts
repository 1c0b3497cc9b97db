// Where the time goes, per request: CPU consumed by the server process and by the PostgreSQL
// backends during a measured run, read from /proc (Linux; elsewhere the columns stay empty).
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ: `getconf CLK_TCK` is 100 on Linux

function stat(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) in parentheses.
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** User + system CPU milliseconds used so far by these processes (gone ones count 0). */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = stat(pid);
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat: 12 and 13 after the name.
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The live children of a process (PostgreSQL's backends are the postmaster's children). */
export function childPids(parent: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) return [];
    const fields = stat(pid);
    // ppid is field 4: index 1 after the name.
    return fields && Number(fields[1]) === parent ? [pid] : [];
  });
}
