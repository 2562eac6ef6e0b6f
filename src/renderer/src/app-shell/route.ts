import { useEffect, useState } from 'react';

/** Where the user is. Kept in the URL hash so back/forward and reloads work, with no router library. */
export type Route =
  | { view: 'requisitions' }
  | { view: 'requisition'; requisitionId: string; version?: number }
  | { view: 'calibration'; requisitionId: string }
  | { view: 'alignment' }
  | { view: 'interviews' }
  /** `kind` and `requisitionId` prefill the setup, e.g. "Record intake call" on a requisition. */
  | { view: 'record'; kind?: 'intake' | 'interview'; requisitionId?: string }
  | { view: 'session'; sessionId: string; segmentId?: string; at?: number }
  | { view: 'scorecard'; sessionId: string }
  | { view: 'debrief'; candidateId: string }
  | { view: 'brief'; candidateId: string }
  | { view: 'search'; query: string; filters?: SearchFilterParams }
  | { view: 'settings' };

/** Corpus search filters as the URL keeps them (strings; the search channel validates them). */
export const searchFilterKeys = ['requisitionId', 'candidateId', 'stage', 'kind', 'speaker', 'criterion', 'from', 'to'] as const;
export type SearchFilterParams = Partial<Record<(typeof searchFilterKeys)[number], string>>;

export type Section = 'requisitions' | 'interviews' | 'search' | 'settings';

export function sectionOf(route: Route): Section {
  if (route.view === 'requisition' || route.view === 'calibration' || route.view === 'alignment') return 'requisitions';
  return route.view === 'session' || route.view === 'record' || route.view === 'scorecard' || route.view === 'debrief' || route.view === 'brief' ? 'interviews' : route.view;
}

/** `#/interviews/<id>?segment=<id>`, `#/search?q=…`, `#/settings` … */
export function parseRoute(hash: string): Route {
  const [pathPart = '', queryPart = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = pathPart.split('/').filter(Boolean).map(safeDecode);
  const params = new URLSearchParams(queryPart);
  switch (parts[0]) {
    case 'requisitions': {
      const version = Number(params.get('version'));
      if (parts[1] && parts[2] === 'calibration') return { view: 'calibration', requisitionId: parts[1] };
      if (parts[1]) return { view: 'requisition', requisitionId: parts[1], ...(Number.isInteger(version) && version > 0 ? { version } : {}) };
      return { view: 'requisitions' };
    }
    case 'search':
    {
      const filters: SearchFilterParams = Object.fromEntries(searchFilterKeys.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
      return { view: 'search', query: params.get('q') ?? '', ...(Object.keys(filters).length > 0 ? { filters } : {}) };
    }
    case 'alignment':
      return { view: 'alignment' };
    case 'settings':
      return { view: 'settings' };
    case 'record': {
      const kind = params.get('kind');
      const requisitionId = params.get('requisition');
      return { view: 'record', ...(kind === 'intake' || kind === 'interview' ? { kind } : {}), ...(requisitionId ? { requisitionId } : {}) };
    }
    case 'candidates':
      if (parts[1] && parts[2] === 'debrief') return { view: 'debrief', candidateId: parts[1] };
      if (parts[1] && parts[2] === 'brief') return { view: 'brief', candidateId: parts[1] };
      return { view: 'interviews' };
    case 'interviews':
      if (parts[1] && parts[2] === 'scorecard') return { view: 'scorecard', sessionId: parts[1] };
      if (parts[1]) {
        const at = Number(params.get('at') ?? NaN);
        return { view: 'session', sessionId: parts[1], segmentId: params.get('segment') ?? undefined, ...(Number.isFinite(at) && at >= 0 ? { at } : {}) };
      }
      return { view: 'interviews' };
    default:
      return { view: 'interviews' };
  }
}

export function hrefFor(route: Route): string {
  switch (route.view) {
    case 'session': {
      const params = new URLSearchParams();
      if (route.segmentId) params.set('segment', route.segmentId);
      if (route.at !== undefined) params.set('at', String(route.at));
      const query = params.toString();
      return `#/interviews/${encodeURIComponent(route.sessionId)}${query ? `?${query}` : ''}`;
    }
    case 'scorecard':
      return `#/interviews/${encodeURIComponent(route.sessionId)}/scorecard`;
    case 'debrief':
      return `#/candidates/${encodeURIComponent(route.candidateId)}/debrief`;
    case 'calibration':
      return `#/requisitions/${encodeURIComponent(route.requisitionId)}/calibration`;
    case 'brief':
      return `#/candidates/${encodeURIComponent(route.candidateId)}/brief`;
    case 'requisition':
      return `#/requisitions/${encodeURIComponent(route.requisitionId)}${route.version ? `?version=${route.version}` : ''}`;
    case 'record': {
      const params = new URLSearchParams({ ...(route.kind ? { kind: route.kind } : {}), ...(route.requisitionId ? { requisition: route.requisitionId } : {}) });
      const query = params.toString();
      return query ? `#/record?${query}` : '#/record';
    }
    case 'search':
    {
      const params = new URLSearchParams(route.query ? { q: route.query } : {});
      for (const key of searchFilterKeys) if (route.filters?.[key]) params.set(key, route.filters[key]);
      const query = params.toString();
      return query ? `#/search?${query}` : '#/search';
    }
    default:
      return `#/${route.view}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
