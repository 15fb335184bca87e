import { assessRisk, riskInputSchema } from '@cacscreen/risk';
import { readStdin } from './read-stdin';
import { UsageError } from './usage-error';

/** `cacscreen risk --json`: one patient as JSON on stdin → one JSON object with the estimates and the tier. */
export async function riskCommand(): Promise<void> {
  const text = (await readStdin()).trim();
  if (!text) throw new UsageError('expected one patient as a JSON object on standard input');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`standard input is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = riskInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
    throw new UsageError(`invalid patient: ${issues.join('; ')}`);
  }
  process.stdout.write(`${JSON.stringify(assessRisk(parsed.data), null, 2)}\n`);
}
