/** What an import left out, line by line, so the user hears about it instead of finding it missing. */
export interface SkippedCue {
  /** 1-based line in the file. */
  line: number;
  reason: SkipReason;
}

export type SkipReason = 'bad-timing' | 'no-timing' | 'ends-before-start';

/** A transcript file's cues as stored, and what was skipped on the way. */
export interface ParsedTranscript<T> {
  transcript: T;
  skipped: SkippedCue[];
}

const REASONS: Record<SkipReason, [one: string, many: string]> = {
  'bad-timing': ['cue with a bad timing', 'cues with bad timings'],
  'no-timing': ['block without a timing line', 'blocks without a timing line'],
  'ends-before-start': ['cue that ends before it starts', 'cues that end before they start'],
};

const MAX_LINES_LISTED = 10;

/** "skipped 2 cues with bad timings (lines 88, 341)", one clause per reason; '' when nothing was skipped. */
export function describeSkipped(skipped: SkippedCue[]): string {
  const clauses: string[] = [];
  for (const reason of Object.keys(REASONS) as SkipReason[]) {
    const lines = skipped.filter((s) => s.reason === reason).map((s) => s.line);
    if (lines.length === 0) continue;
    const [one, many] = REASONS[reason];
    const listed = lines.slice(0, MAX_LINES_LISTED).join(', ') + (lines.length > MAX_LINES_LISTED ? `, … ${lines.length - MAX_LINES_LISTED} more` : '');
    clauses.push(`${lines.length} ${lines.length === 1 ? one : many} (line${lines.length === 1 ? '' : 's'} ${listed})`);
  }
  return clauses.length ? `skipped ${clauses.join('; ')}` : '';
}

/** "Imported 212 cues; skipped 2 cues with bad timings (lines 88, 341)". */
export function importSummary(cueCount: number, skipped: SkippedCue[]): string {
  const imported = `Imported ${cueCount} ${cueCount === 1 ? 'cue' : 'cues'}`;
  const left = describeSkipped(skipped);
  return left ? `${imported}; ${left}` : imported;
}
