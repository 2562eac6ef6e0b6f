/**
 * Our own WebVTT parsing cases, written for Debrief, covering each category of the web-platform-tests
 * file-parsing suite (arrows, header, ids, newlines, nulls, regions, settings, signature, stylesheets,
 * timings, whitespace). Expected cues follow the WebVTT spec's parsing algorithm.
 */
export interface WebVttCase {
  name: string;
  vtt: string;
  /** The spec refuses the whole file (bad signature). */
  refused?: true;
  cues: { id?: string; text: string; start: number; end: number; settings?: Record<string, unknown> }[];
  stylesheets?: number;
}

const T = '00:00:01.000 --> 00:00:02.000';
const one = (text: string, id = '') => ({ id, text, start: 1, end: 2 });

export const WEBVTT_CASES: WebVttCase[] = [
  // arrows: "-->" in an id line ends the block unless it is the id before a timing.
  {
    name: 'arrows: a line with an arrow is never an id, and a broken arrow is no timing',
    vtt: `WEBVTT\n\n-->\n${T}\nfirst\nnext-->\n${T}\nsecond\n${T}\nthird\n\n00:00:01.000 -- > 00:00:02.000\nbroken arrow\n\n00:00:01.000 - -->\nno end\n`,
    cues: [one('first'), one('second'), one('third')],
  },
  // header
  { name: 'header: text after the signature and a header block are ignored', vtt: `WEBVTT - Interview with Ana\nKind: captions\nLanguage: es\n\n${T}\nHola\n`, cues: [one('Hola')] },
  { name: 'header: a timing straight after the header lines starts a cue', vtt: `WEBVTT\nKind: captions\n${T}\nfirst cue\n`, cues: [one('first cue')] },
  { name: 'header: garbage lines in the header are not cues', vtt: `WEBVTT\nthis is not a cue\nnor is this\n\n${T}\nreal\n`, cues: [one('real')] },
  { name: 'header: a REGION inside the header block is header text', vtt: `WEBVTT\nREGION\nid:top\n\n${T} region:top\nno such region\n`, cues: [{ ...one('no such region'), settings: { region: null } }] },
  // ids
  {
    name: 'ids: kept exactly, spaces and arrow-like text included',
    vtt: `WEBVTT\n\n q1 \n${T}\nfirst\n\n- >\n${T}\nsecond\n\n \n${T}\nthird\n`,
    cues: [one('first', ' q1 '), one('second', '- >'), one('third', ' ')],
  },
  // newlines
  {
    name: 'newlines: CR, LF, CRLF and LF CR all end lines',
    vtt: `WEBVTT\r\rcr\r${T}\rone\n\nlf\n${T}\ntwo\r\n\r\ncrlf\r\n${T}\r\nthree\n\rlfcr\r${T}\nfour\n\r`,
    cues: [one('one', 'cr'), one('two', 'lf'), one('three', 'crlf'), one('four', 'lfcr')],
  },
  // nulls
  {
    name: 'nulls: NUL becomes U+FFFD in ids and text, and spoils a timing or setting it falls in',
    vtt: `WEBVTT\n\n\0 id\n${T}\nte\0xt\n\n${T} align:en\0d\nkept, align ignored\n\n00:00:01.0\x0000 --> 00:00:02.000\ndropped\n`,
    cues: [one('te\uFFFDxt', '\uFFFD id'), { ...one('kept, align ignored'), settings: { align: 'center' } }],
  },
  // regions
  {
    name: 'regions: id, lines, width, anchors and scroll; later settings win; invalid values keep defaults',
    vtt: `WEBVTT\n\nREGION\nid:a id:left\nwidth:40% lines:2\nregionanchor:10%,90% viewportanchor:5%,95%\nscroll:up\n\nREGION\nid:right\nlines:x width:101% regionanchor:1%\nscroll:down\n\n${T} region:left\nleft\n\n${T} region:right\nright\n\n${T} region:a\nno region a\n`,
    cues: [
      { ...one('left'), settings: { region: { id: 'left', width: 40, lines: 2, regionAnchorX: 10, regionAnchorY: 90, viewportAnchorX: 5, viewportAnchorY: 95, scroll: 'up' } } },
      { ...one('right'), settings: { region: { id: 'right', width: 100, lines: 3, regionAnchorX: 0, regionAnchorY: 100, scroll: '' } } },
      { ...one('no region a'), settings: { region: null } },
    ],
  },
  { name: 'regions: the old "REGION: id=…" syntax defines nothing', vtt: `WEBVTT\n\nREGION: id=top width=40%\n\n${T} region:top\ntext\n`, cues: [{ ...one('text'), settings: { region: null } }] },
  { name: 'regions: a REGION after the first cue is not a region', vtt: `WEBVTT\n\n${T}\nfirst\n\nREGION\nid:late\n\n${T} region:late\nsecond\n`, cues: [one('first'), { ...one('second'), settings: { region: null } }] },
  // settings
  {
    name: 'settings: align, line, position, size, vertical; invalid ones ignored',
    vtt: `WEBVTT\n\n${T} align:start position:0%\nYouTube style\n\n${T} align:end line:-2 size:50% vertical:rl\nsecond\n\n${T} line:10%,end position:25%,line-right\nthird\n\n${T} align:middle size:101% line:.5 vertical:RL position:5\nall invalid\n\n${T} line:1.5 line:5.\nlast valid wins\n`,
    cues: [
      { ...one('YouTube style'), settings: { align: 'start', position: 0 } },
      { ...one('second'), settings: { align: 'end', line: -2, snapToLines: true, size: 50, vertical: 'rl' } },
      { ...one('third'), settings: { line: 10, snapToLines: false, lineAlign: 'end', position: 25, positionAlign: 'line-right' } },
      { ...one('all invalid'), settings: { align: 'center', size: 100, line: 'auto', vertical: '', position: 'auto' } },
      { ...one('last valid wins'), settings: { line: 1.5 } },
    ],
  },
  // signature
  { name: 'signature: a BOM before WEBVTT', vtt: `\uFEFFWEBVTT\n\n${T}\nbom\n`, cues: [one('bom')] },
  { name: 'signature: WEBVTT alone, no newline', vtt: 'WEBVTT', cues: [] },
  { name: 'signature: followed by a space or a tab, no newline', vtt: 'WEBVTT \t', cues: [] },
  { name: 'signature: a timing on the signature line is not a cue', vtt: `WEBVTT ${T}\ntext\n`, cues: [] },
  { name: 'signature: refused when not WEBVTT then space, tab or newline', vtt: `WEBVTTX\n\n${T}\ntext\n`, refused: true, cues: [] },
  { name: 'signature: refused in lower case', vtt: `webvtt\n\n${T}\ntext\n`, refused: true, cues: [] },
  { name: 'signature: refused after leading whitespace', vtt: ` WEBVTT\n\n${T}\ntext\n`, refused: true, cues: [] },
  // stylesheets
  { name: 'stylesheets: STYLE before cues is a style sheet, after a cue it is not', vtt: `WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\n${T}\nstyled\n\nSTYLE\n::cue(b) { color: red }\n`, cues: [one('styled')], stylesheets: 1 },
  { name: 'stylesheets: none', vtt: `WEBVTT\n\n${T}\nplain\n`, cues: [one('plain')], stylesheets: 0 },
  // timings
  {
    name: 'timings: 60 is out of range for minutes and seconds, but fine as hours',
    vtt: 'WEBVTT\n\n00:00:60.000 --> 00:01:00.000\nbad seconds\n\n00:60:00.000 --> 01:00:00.000\nbad minutes\n\n60:00:00.000 --> 60:00:01.000\nsixty hours\n',
    cues: [{ text: 'sixty hours', start: 216000, end: 216001 }],
  },
  { name: 'timings: a cue at the end of the file without text', vtt: `WEBVTT\n\n${T}`, cues: [one('')] },
  {
    name: 'timings: garbage in or after a timestamp',
    vtt: `WEBVTT\n\n00:00:01.000x --> 00:00:02.000\nx\n\n00:00:01.000 --> 00:00:02.000x\nsettings garbage is ignored\n\n00:00:01.000 -->00:00:02.000\nno space is fine\n\nx00:00:01.000 --> 00:00:02.000\nx\n`,
    cues: [one('settings garbage is ignored'), one('no space is fine')],
  },
  {
    name: 'timings: an end before the start is still a cue by the spec',
    vtt: 'WEBVTT\n\n00:00:05.000 --> 00:00:04.999\nbackwards\n',
    cues: [{ text: 'backwards', start: 5, end: 4.999 }],
  },
  { name: 'timings: hours may be omitted, and may have more than two digits', vtt: 'WEBVTT\n\n01:00.000 --> 100:00:00.500\nfine\n', cues: [{ text: 'fine', start: 60, end: 360000.5 }] },
  {
    name: 'timings: too many or too few digits',
    vtt: 'WEBVTT\n\n00:00:01.0000 --> 00:00:02.000\nx\n\n00:001:00.000 --> 00:00:02.000\nx\n\n00:00:1.000 --> 00:00:02.000\nx\n\n00:00:01.00 --> 00:00:02.000\nx\n\n00:00:01 --> 00:00:02.000\nx\n\n0:00:01.000 --> 00:00:02.000\none-digit hours are fine\n',
    cues: [one('one-digit hours are fine')],
  },
  // whitespace
  {
    name: 'whitespace: spaces, tabs and form feeds around timings; a vertical tab is not whitespace',
    vtt: `WEBVTT\n\nspaces\n  00:00:01.000   -->  00:00:02.000 \n  indented\n\ntabs\n\t00:00:01.000\t-->\t00:00:02.000\t\ntab\n\nff\n\f00:00:01.000\f-->\f00:00:02.000\f\nform feed\n\nvt\n\v00:00:01.000\v-->\v00:00:02.000\nvertical tab\n`,
    cues: [one('  indented', 'spaces'), one('tab', 'tabs'), one('form feed', 'ff')],
  },
  // cue text as written: tags and entities stay in the cue text (our transcript strips them later)
  { name: 'cue text: voice tags, classes, entities and timestamps stay as written', vtt: `WEBVTT\n\n${T}\n<v.host Ana Ruiz>Hola &amp; <00:00:01.500>bienvenidos</v>\n`, cues: [one('<v.host Ana Ruiz>Hola &amp; <00:00:01.500>bienvenidos</v>')] },
];
