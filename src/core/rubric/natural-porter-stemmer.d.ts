// natural's Porter stemmer on its own: its stemmers index loads every language's stemmer (about
// twenty modules) where only English is used.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';

  const PorterStemmer: Stemmer;
  export default PorterStemmer;
}
