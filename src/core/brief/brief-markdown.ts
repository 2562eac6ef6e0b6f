import { formatSpokenClock } from '../transcript/timestamps.js';
import type { CandidateBrief } from './candidate-brief.js';
import type { PrepQuestions } from './prep-questions.js';
import type { StatementKind } from './statement-kinds.js';

export const SECTION_TITLES: Record<StatementKind, string> = {
  motivation: 'Motivations',
  concern: 'Concerns and hesitations',
  constraint: 'Constraints (location, timing, compensation)',
  competing: 'Competing processes',
  question: 'Questions they asked',
};

/**
 * The prep as a one-page brief for the candidate: what this stage usually covers, in the interviewers'
 * own words, most asked first. Names of previous candidates never appear in it.
 */
export function prepBriefMarkdown(input: { stage: string; interviewer: string | null; prep: PrepQuestions; maxQuestions?: number }): string {
  const { stage, interviewer, prep } = input;
  const shown = prep.groups.slice(0, input.maxQuestions ?? 12);
  const lines = [`# Preparing for your ${stage}${interviewer ? ` with ${interviewer}` : ''}`, ''];
  if (shown.length === 0) {
    lines.push('No questions from earlier interviews at this stage yet.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`What this conversation usually covers, from ${prep.sessionsRead} earlier interview${prep.sessionsRead === 1 ? '' : 's'} at this stage:`, '');
  for (const [i, g] of shown.entries()) {
    const times = g.sessions === 1 ? 'asked in 1 interview' : `asked in ${g.sessions} interviews`;
    lines.push(`${i + 1}. ${g.example.text} _(${times})_`);
  }
  lines.push('', 'There are no trick questions: concrete examples from your own work are what the interviewers look for.');
  return `${lines.join('\n')}\n`;
}

/** The candidate brief as Markdown, each quote with its session and time, for the recruiter's notes. */
export function candidateBriefMarkdown(name: string, brief: CandidateBrief): string {
  const lines = [`# Candidate brief: ${name}`, '', `From ${brief.candidateSentences} of ${name}'s sentences in ${brief.sessionsRead} session${brief.sessionsRead === 1 ? '' : 's'}.`];
  for (const [kind, title] of Object.entries(SECTION_TITLES) as [StatementKind, string][]) {
    lines.push('', `## ${title}`, '');
    const quotes = brief.sections[kind];
    if (quotes.length === 0) lines.push('Nothing said.');
    for (const q of quotes) lines.push(`- “${q.quote}” — ${q.sessionTitle}, ${formatSpokenClock(q.start)}`);
  }
  return `${lines.join('\n')}\n`;
}
