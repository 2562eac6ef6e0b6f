import type { ChannelName } from './contract.js';

/**
 * The channels the team server answers for the web view: only what lives on the server
 * (requisitions, rubric versions and their sign-off, candidates, scorecards, the debrief and its
 * flags). Everything else needs the laptop (recording, transcripts, audio, settings, models, search).
 */
export const WEB_VIEW_CHANNELS = [
  'requisitions:list',
  'requisitions:get',
  'rubrics:getVersion',
  'rubrics:check',
  'rubrics:listSigned',
  'rubrics:signOff',
  'rubrics:comments',
  'rubrics:comment',
  'candidates:list',
  'scorecards:list',
  'scorecards:get',
  'scorecards:sheet',
  'debrief:get',
] as const satisfies readonly ChannelName[];

export type WebViewChannel = (typeof WEB_VIEW_CHANNELS)[number];

const served: ReadonlySet<string> = new Set(WEB_VIEW_CHANNELS);

export function isWebViewChannel(channel: string): channel is WebViewChannel {
  return served.has(channel);
}

/** Channels only the team server answers: the laptop's transport reports it does not serve them. */
export const SERVER_ONLY_CHANNELS = ['rubrics:comments', 'rubrics:comment'] as const satisfies readonly WebViewChannel[];

/** Where the web view posts `{ input }` for one channel. */
export function webViewChannelPath(channel: string): string {
  return `/api/ipc/${encodeURIComponent(channel)}`;
}

/** The sentence a refused channel gets, in the web view and from the server alike. */
export const NOT_IN_WEB_VIEW = 'This is not available in the web view: it needs the Debrief app on your laptop.';
