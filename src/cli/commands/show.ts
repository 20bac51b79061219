// `readiness show <id|path> [--json]`: the interview guide, or the normalized questionnaire.
import type { Io } from '../io.js';
import { escapeUnsafeJson, UsageError } from '../../errors.js';
import { resolveQuestionnaireLazily } from '../../load/resolve-fast.js';
import { renderGuide } from '../../render/guide.js';
import { normalizeForJson } from '../../render/questionnaire-json.js';

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<void> {
  const ref = args[0];
  if (!ref) throw new UsageError('give a questionnaire id (see `readiness list`) or the path of a questionnaire file.');
  const { questionnaire, hash } = await resolveQuestionnaireLazily(ref, io.cwd);
  if (opts.json) {
    io.stdout(`${escapeUnsafeJson(JSON.stringify({ ...normalizeForJson(questionnaire), hash }, null, 2))}\n`);
  } else {
    io.stdout(renderGuide(questionnaire));
  }
}
