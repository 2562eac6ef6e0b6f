import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

// The stemmer is imported from its own file: natural's index also loads storage adapters
// that print dotenv banners on stdout.

/** Function words and conversational filler: they carry no meaning for matching criteria. */
const STOPWORDS = new Set(
  `a an the and or but if then so of to in on at by for from with without into onto about as is are was were be been being
  am do does did doing have has had having i me my we us our you your he him his she her it its they them their theirs
  this that these those there here what which who whom whose when where why how all any both each few more most other some such
  no nor not only same than too very can could will would shall should may might must just also really like um uh uhm er
  yeah yes okay ok oh well kind sort thing things stuff know mean think guess right actually basically honestly literally
  gonna wanna gotta lot lots maybe probably definitely totally even still get got getting one ones someone somebody something
  s t don't doesn't didn't can't won't isn't aren't i'm i'd i've i'll you're they're they've they'd that's it's there's what's`.split(/\s+/),
);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

/** Lower-case word tokens; keeps in-word apostrophes ("don't") and splits hyphens ("self-starter"). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

export function stem(token: string): string {
  return PorterStemmer.stem(token.toLowerCase());
}

/** Stems of the meaningful words, in order, duplicates kept. */
export function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((t) => !isStopword(t))
    .map(stem);
}

export function contentStemSet(text: string): Set<string> {
  return new Set(contentStems(text));
}

/** |A ∩ B| / min(|A|, |B|): 1 when the smaller set is contained in the larger, 0 for empty input. */
export function overlapCoefficient(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  return intersectionSize(a, b) / Math.min(a.size, b.size);
}

export function intersectionSize(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared;
}
