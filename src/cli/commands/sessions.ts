// `readiness sessions`: the unfinished interviews in a reports folder.
import { relative, resolve } from 'node:path';
import type { Io } from '../io.js';
import { escapeUnsafeJson, inertName } from '../../errors.js';
import { listSessions, sessionsDir } from '../../store/sessions.js';
import { DEFAULT_OUTPUT, outputFlag, resumeCommand } from '../interview/resume-command.js';

/** "2026-11-29 14:03" in local time; the stored stamp is UTC. */
function savedAt(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

export async function run(_args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const dir = typeof opts.dir === 'string' ? opts.dir : DEFAULT_OUTPUT;
  const outDir = resolve(io.cwd, dir);
  const listed = listSessions(outDir);
  const readable = listed.flatMap((l) => (l.session ? [l.session] : []));
  const shown = (file: string) => inertName(relative(io.cwd, file) || file);
  for (const l of listed) {
    if (l.problem) io.stderr(`readiness: skipped ${shown(l.file)}, which ${l.problem}\n`);
  }

  if (opts.json === true) {
    const data = readable.map((s) => ({
      id: s.id,
      organization: s.organization,
      respondent: s.respondent ?? null,
      role: s.role ?? null,
      questionnaire: { id: s.questionnaire.id, title: s.questionnaire.title, version: s.questionnaire.version },
      answered: s.progress.answered,
      total: s.progress.total,
      date: s.date,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      resume: resumeCommand(s.id, dir),
    }));
    io.stdout(`${escapeUnsafeJson(JSON.stringify(data, null, 2))}\n`);
    return;
  }

  if (readable.length === 0) {
    io.stdout(`No unfinished interviews in ${sessionsDir(dir)}. Start one with: readiness assess${outputFlag(dir)}\n`);
    return;
  }
  const rows = [
    ['ID', 'ORGANIZATION', 'QUESTIONNAIRE', 'PROGRESS', 'LAST SAVED'],
    ...readable.map((s) => [
      s.id,
      s.organization + (s.respondent ? ` (${s.respondent})` : ''),
      s.questionnaire.id,
      `${s.progress.answered}/${s.progress.total}`,
      savedAt(s.updatedAt),
    ]),
  ];
  const n = readable.length;
  io.stdout(`${n} unfinished interview${n === 1 ? '' : 's'} in ${sessionsDir(dir)}:\n\n${table(rows)}\n\n`);
  io.stdout(`Continue one with: ${resumeCommand('<id>', dir)}\n`);
}
