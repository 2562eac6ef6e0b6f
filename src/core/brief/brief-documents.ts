import { esc } from '../export/readable-scorecard.js';
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
export interface PrepBriefInput {
  stage: string;
  interviewer: string | null;
  prep: PrepQuestions;
  /** One page: the most asked questions only. */
  maxQuestions?: number;
}

interface PrepPage {
  title: string;
  intro: string | null;
  questions: { text: string; asked: string }[];
  closing: string;
}

function prepPage({ stage, interviewer, prep, maxQuestions = 12 }: PrepBriefInput): PrepPage {
  const title = `Preparing for your ${stage}${interviewer ? ` with ${interviewer}` : ''}`;
  const shown = prep.groups.slice(0, maxQuestions);
  if (shown.length === 0) return { title, intro: null, questions: [], closing: 'No questions from earlier interviews at this stage yet.' };
  return {
    title,
    intro: `What this conversation usually covers, from ${prep.sessionsRead} earlier interview${prep.sessionsRead === 1 ? '' : 's'} at this stage:`,
    questions: shown.map((g) => ({ text: g.example.text, asked: g.sessions === 1 ? 'asked in 1 interview' : `asked in ${g.sessions} interviews` })),
    closing: 'There are no trick questions: concrete examples from your own work are what the interviewers look for.',
  };
}

export function prepBriefMarkdown(input: PrepBriefInput): string {
  const page = prepPage(input);
  const lines = [`# ${page.title}`, ''];
  if (page.intro) lines.push(page.intro, '', ...page.questions.map((q, i) => `${i + 1}. ${q.text} _(${q.asked})_`), '');
  lines.push(page.closing);
  return `${lines.join('\n')}\n`;
}

/** The same page for the PDF (printed by export-formats' printDocument). */
export function prepBriefHtml(input: PrepBriefInput): string {
  const page = prepPage(input);
  const list = page.questions.map((q) => `<li>${esc(q.text)} <em>(${esc(q.asked)})</em></li>`).join('');
  return `<article class="sheet"><h1>${esc(page.title)}</h1>${page.intro ? `<p>${esc(page.intro)}</p><ol>${list}</ol>` : ''}<p>${esc(page.closing)}</p></article>`;
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
