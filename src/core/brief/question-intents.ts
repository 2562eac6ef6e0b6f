/**
 * The questions nearly every interview asks, whatever the role: "tell me about yourself", "why are you
 * leaving?", "what's your notice period?". Writers ask them in words that share almost nothing ("walk
 * me through your CV" / "how did you end up doing this?"), so word likeness cannot group them; what they
 * mean is known in advance, so it is listed here. Two questions of one intent are one question; two of
 * different intents are different ones, however many words they share ("what are you earning now?" /
 * "what are you hoping to earn?"). Role-specific questions have no intent and are left to word likeness.
 * Written on development and the read held-out sets 3–6 (test/fixtures/brief), each set read only after
 * its one blind scoring; the blind sixth set found them pairing 6 of its 85 same-question pairs, the
 * seventh, after they were widened, grouped at 0.75 / 0.25 (bench/brief.ts): other wording still escapes.
 */
const INTENTS: readonly (readonly [string, RegExp])[] = [
  [
    'introduction',
    /\b(tell (me|us) (a (bit|little) )?about yourself|introduce yourself|walk (me|us) through (your|the) (cv|résumé|resume|background|career|experience|history)|(your|the) (career|background|story|journey) so far|how did you (end up|get|come to be) (into|in|where|doing|here|to)|in your own words|(short|quick|brief) version of your (career|background|story|cv)|(tour|overview) of your (career|cv|background)|potted history|how you got (to )?where you are|(two-minute|one-minute|short|quick) version of you\b|how your career'?s? (has )?(unfolded|developed|evolved)|who'?s the person (sitting )?(across|in front)|(walk|take) (me|us) through (your|the) (journey|path))/,
  ],
  [
    'why-leave',
    /\b(why (do you want to |are you |did you |would you |have you decided to )?(leave|leaving|left|move on|moving on|quit)|what'?s (making|prompting|pushing|driving|behind) (you|the move|your move)|(prompting|driving|behind) (the|your) (move|decision to leave|change)|why (now|are you on the market)\b|why are you looking\b(?! to (join|work|come))|reason for leaving|looking (to move|for a move|to leave|around)|(prompting|pushing) you to (move|leave|look)|got you looking|not working (at|in) your (present|current))/,
  ],
  [
    'why-us',
    /\b(why (us|here)\b|why (this|our) (company|role|job|position|team|organisation|organization|firm|practice|charity|agency|business)|why (do you want to|would you like to|d'?you want to) (work|join) (here|for us|with us|us)|what (attracted|drew|draws|attracts|appeals|appealed|interests|interested|excites|excited) you (to|about)|(appealed|appeals) to you|what is it about (this|the|our) (company|firm|organisation|organization|business|team)|why did you apply|made you (want to )?apply|made you (interested in|want to) (work|join)|caught your eye|out of all the (places|companies|firms)|looking to join us|join us rather than)/,
  ],
  ['know-us', /\b(what do you know about (us|our|the company|what we do)|how much do you know about (us|what we do|our))/],
  [
    'notice',
    /\b(notice period|how much notice|how soon (could|can|would) you (actually |realistically )?(start|join|move)|when (could|can|would) you (realistically |actually )?(start|join)|(available|free) to start|start date|long notice|could you move fast|release you|tied in (for|to)|when (could|can|would) you (be )?(free|available) to)/,
  ],
  [
    'current-pay',
    /\b(current(ly)? (salary|pay|package|earnings|compensation|base)|(earning|earn|paid|on) (at the moment|right now|currently|now|at present)|what are you on\b|present (package|salary|pay)|(salary|package|pay|money) (are you|you're) on\b|(salary|package|pay)\b.{0,25}\b(at the moment|right now|currently))/,
  ],
  [
    'expected-pay',
    /\b(expected (salary|pay|compensation)|(salary|pay|compensation) (range|bracket|expectation)|what (salary|figure|number|compensation|package|sort of figure|kind of salary|kind of number)\b.{0,40}\b(looking for|hoping|expect|need|want|in mind|make)|make (the move|this|it) worth|compensation[- ]wise|(range|figure|number) in mind|hoping to (earn|be on)|(salary|pay|package) expectations?|what are your expectations|(figure|number) (would it|will it) take)/,
  ],
  ['strengths', /\b((biggest|greatest|main|key|top) strengths?|what are you (really |genuinely )?good at|come to you for|superpower|(do|are) better than anyone|what you do best)/],
  [
    'weakness',
    /\b((biggest|greatest|main) weakness|weaknesses|areas? (for|of) (development|improvement)|(working on|trying to get|get) (getting )?better at|(still )?needs? to work on|needs? to improve|working on improving|fall(ing)? short|room to grow|development areas?|(still )?need to grow|trips you up|not (great|good|strong) at|actively working on)/,
  ],
  [
    'conflict-peer',
    /\b(conflict|disagree(d|ment)?|clash(ed)?|didn'?t get (on|along)|fell out|fallen out|falling[- ]out|butt(ed)? heads|friction|tension|difficult relationship|(didn'?t|don'?t|did not) see eye to eye)\b.{0,30}\b(colleague|coworker|co-worker|teammate|team ?mate|peer|someone on your team|somebody on your team|someone you work(ed)? (with|alongside))/,
  ],
  ['disagree-boss', /\b(disagree(d)?|push(ed)? back|clash(ed)?)\b.{0,30}\b(your|a) (boss|manager|line manager|supervisor)('s)?\b/],
  [
    'own-mistake',
    /\b((a |the |biggest )?mistake (you('ve)?|that you) (made|make)|mistake you made|made a mistake|(went|gone) (badly |really )?wrong|(something|a time) you (got|did) wrong|a failure\b|a time you failed|got something (badly |really )?wrong|an error that was yours|(your|my) (own )?fault|messed up|dropped the ball|screwed up|screw[- ]up)/,
  ],
  [
    'questions-for-us',
    /\b(any(thing)? (questions|you('d)? (want|like) to (know|ask))|questions (do you have |have you got )?for (us|me)|what would you like to ask|what questions do you have|flip it around|your turn to ask|over to you|anything (you want|you'?d like) to (know|ask)|anything you'?re curious about|what (do you want|would you like) to know about (us|the team|the role))/,
  ],
  ['future', /\b((five|ten|5|10) years|see yourself|long[- ]term (career|goals?|plans?)|career (goals?|plans?|aspirations?)|next step in your career|down the line|hoping to be doing|(years|decade) from now|what'?s the dream|next big step)/],
  ['missed-deadline', /\b(miss(ed)? (a|the|your) (deadline|date)|not delivered\b.{0,40}\b(date|deadline|promised))/],
  ['underperformance', /\b(underperform(er|ers|ing|ance)?|pulling (their|his|her) weight|poor perform(er|ance)|keeps? missing (their|his|her) (targets|numbers))/],
  ['feedback-given', /\b((give|giving|gave) (some )?(tough|difficult|hard|negative|honest|critical) feedback|tell (a|your) (direct )?report)/],
  ['pressure', /\b(under pressure|handle (pressure|stress)|deal with (pressure|stress)|cope with (pressure|stress)|high[- ]pressure|when you'?re (stressed|overwhelmed)|on your plate|keep your head|stacking up|stressful (week|day|time|period|situation)|everything lands at once)/],
  [
    'management-style',
    /\b((management|leadership) style|what kind of (manager|leader) are you|how (do|would) you (manage|lead) (a |your )?(team|people)|how would your (team|reports|direct reports) describe you|what you'?re like as a (boss|manager|leader))/,
  ],
  ['managed-how', /\b(ideal (manager|boss)|best (boss|manager)|how do you like to be managed|looking for in a (manager|boss)|brings out your best)/],
  ['remote', /\b(remote|hybrid|work(ing)? from home|wfh|in the office|into the office|office (days|attendance))/],
  ['other-processes', /\b(interviewing (anywhere|elsewhere)|other (processes|offers?|interviews|applications)|looking at other (roles|jobs|companies|positions)|close to an offer|the only (one|role|process) you)/],
  ['next-role', /\b(looking for in (your|a|the) next|ideal next (job|role|move)|matters (most )?to you in (your|a) next|want (from|in) your next)/],
  ['enjoy-now', /\b(enjoy (the )?most|(favourite|favorite) part of|like (most|best) about (your|the) (current )?(job|role|work))/],
  ['proudest', /\b(proud(est)? of|(biggest|greatest|proudest) (achievement|accomplishment))/],
  ['feedback-received', /\b((received|got|been given|taken) (some )?(critical |tough |negative |difficult |hard )?(feedback|criticism)|handle (criticism|feedback)|respond to (criticism|feedback))/],
  ['motivation', /\b(what motivates you|gets you out of bed|what drives you)/],
];

// The same words asked about someone or something else ("the team's biggest weakness", "where will the
// industry be in five years?", "a conflict between two of your reports") are other questions.
const ABOUT_OTHERS: Readonly<Record<string, RegExp>> = {
  weakness: /\b(weakness(es)? (in|of) (the|your) (team|department|business|organisation|organization|company)|(team|team's|company's|department's) (biggest |main )?weakness)/,
  future: /\b(the|this) (industry|sector|market|field|profession|business)\b|\bsee (?!yourself)\w+( \w+)? in (five|ten|\d+|the next)\b/,
  'conflict-peer': /\bbetween (two|a couple of|your|the)\b/,
  'own-mistake': /\b(colleague|coworker|co-worker|teammate|someone else|somebody else|a member of (your|the) team|junior|report)('s)?\b.{0,30}\b(mistake|error|wrong|screw)/,
  proudest: /\bnot proud\b/,
};

/** The universal interview questions this text asks, by intent name; empty for a role-specific one. */
export function questionIntents(text: string): ReadonlySet<string> {
  const s = text.toLowerCase().replace(/[’‘]/g, "'");
  const found = new Set(INTENTS.filter(([name, pattern]) => pattern.test(s) && !ABOUT_OTHERS[name]?.test(s)).map(([name]) => name));
  // "What's your current salary range?" asks what they earn now, not what they hope for.
  if (found.has('current-pay')) found.delete('expected-pay');
  return found;
}
