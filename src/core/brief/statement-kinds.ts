/**
 * What a candidate's sentence tells a recruiter who has to win them: why they want to move, what holds
 * them back, the limits they set, who else is courting them, and what they asked. Offline, from cue
 * phrases: each category needs the candidate speaking about themselves ("I'm worried…", not "the
 * customer was worried…"), so stories about past work, which use the same words, stay out.
 */
export const STATEMENT_KINDS = ['motivation', 'concern', 'constraint', 'competing', 'question'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

const FIRST_PERSON = /\b(i|i'm|im|i've|i'd|i'll|me|my|myself)\b/;

// A tag or rhetorical question ("…, right?", "isn't it?") asks the listener to agree, not to answer.
const TAG_QUESTION = /(,\s*|\b)(right|correct|yeah|you know|isn't it|aren't they|don't you think|wouldn't you say|no|eh|ok|okay)\s*\?\s*$/;

// Present or future wants: "wanted to make sure the tests passed" is a story, so past tense is out.
const MOTIVATION: RegExp[] = [
  /\bi('m| am) (really |mainly |mostly |also )?(looking|hoping|keen|eager|excited|after|drawn|interested)\b/,
  /\bi (really |also |just )?(want|wanna|hope) to (?!(know|understand|find out|see|make sure|check|hear|ask|say|add|clarify|mention)\b)/,
  /\bi (really |also |just )?want (more|a role|a job|a team|a place|a company|somewhere)\b/,
  /\bi('d| would) (really )?(love|like|enjoy) to (?!(know|understand|find out|see|hear|ask|say|add|clarify|mention)\b)/,
  /\bwhat (i want|i'm after|i'm looking for|excites me|draws me|drew me|attracts me|appeals to me|interests me)\b/,
  /\b(draws|drew|attracts|excites) me\b/,
  /\bthe (main |real |big |biggest )?reasons? (why )?i('m| am)? ?(applied|leaving|interested|looking|moving|want)\b/,
  /\b(that's|that is) (the big thing|what matters|what i care about|why i applied)\b/,
  /\bi('m| am) excited about\b/,
];

const CONCERN: RegExp[] = [
  /\bi('m| am| was| feel| do feel)? ?(a bit |a little |a little bit |slightly |somewhat |quite |really |honestly |just )?(worried|concerned|nervous|hesitant|unsure|wary|apprehensive|anxious|uneasy)\b/,
  // "Not sure" about the move, not about a past fact ("I'm not sure about the numbers").
  /\bi('m| am) (still )?not (totally |entirely |fully |really )?(sure|convinced) (about |whether |if )?(the |this |that |how )?(role|team|job|position|company|move|moving|relocat\w*|offer|commute|joining|fit|manager|culture|stack|on-?call|workload|growth|travel)\b/,
  /\bmy (main |only |one |biggest |big |one big |real )?(worry|worries|concern|concerns|hesitation|hesitations|reservation|reservations|fear|doubt|doubts)\b/,
  /\b(worry|concern|hesitation|reservation|doubt)s? (that )?i (have|had)\b/,
  /\bi (do )?(worry|fear)\b/,
];

const LOCATION = /\b(relocat\w*|move (to|house|cities|countries)|commute|remote|remotely|on-?site|in the office|office (more|days?)|hybrid|based in|stay in|live in|visa)\b/;
const TIMING = /\b(notice( period)?|start (before|after|until|in|at|on|by)|starting (before|after|until|in)|(couldn't|can't|cannot|could not|can only|won't be able to) start|available from|until (january|february|march|april|may|june|july|august|september|october|november|december|next|the end))\b/;
const PAY = /\b(salary|base|ote|compensation|comp|package|equity|bonus|pay|\d+\s?k\b|\d{2,3},\d{3}|pays out|commission)\b/;
// A limit the candidate sets on themselves: "I can't", "I'd need", "I can only".
const LIMIT = /\b(i|i'm|i am) ?(can't|cannot|couldn't|could not|can only|could only|would need|'d need|need|'d have to|would have to|have to|wouldn't want|won't|'d want|would want|'d be looking|would be looking|'m looking|am looking|must)\b|\bisn't an option\b|\bnot an option\b|\bi('m| am) on an? [\w-]+ notice\b|\bi have an? [\w-]+ notice\b|\b(compensation|timing|salary)-wise\b|\bmy current (base|salary|package|ote)\b/;

const COMPETING: RegExp[] = [
  /\b(an|another|other|a second|one other) (offer|interview)s?\b/,
  /\boffer from\b/,
  /\b(another|other|two other|a couple of other|a few other|several other|some other)\s+([\w-]+\s+)?(compan(y|ies)|startups?|agenc(y|ies)|firms?|scale-?ups?|processes|employers)\b/,
  /\bfinal (rounds?|stages?)\b/,
  /\balso (talking|interviewing|speaking|in process|in processes)\b/,
  /\b(hear|heard) back from\b/,
  /\bsecond interview with\b/,
];

const normalise = (text: string): string => text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();

/** The categories one sentence belongs to (none, one or several). */
export function classifyStatement(text: string): StatementKind[] {
  const s = normalise(text);
  const kinds: StatementKind[] = [];
  const self = FIRST_PERSON.test(s);
  const isQuestion = /\?\s*$/.test(s) && !TAG_QUESTION.test(s);
  if (isQuestion) kinds.push('question');
  const limit = self && LIMIT.test(s) && (LOCATION.test(s) || TIMING.test(s) || PAY.test(s));
  const constraint = limit || (self && TIMING.test(s) && /\bnotice\b/.test(s));
  if (self && !isQuestion) {
    // "I'm looking for 150k base" is a price, not a reason to move.
    if (MOTIVATION.some((r) => r.test(s)) && !(constraint && PAY.test(s))) kinds.push('motivation');
    if (CONCERN.some((r) => r.test(s))) kinds.push('concern');
    if (constraint) kinds.push('constraint');
    if (COMPETING.some((r) => r.test(s))) kinds.push('competing');
  }
  return kinds;
}
