import { useEffect, useState } from 'react';

/** Where the user is. Kept in the URL hash so back/forward and reloads work, with no router library. */
export type Route =
  | { view: 'requisitions' }
  | { view: 'requisition'; requisitionId: string; version?: number }
  | { view: 'interviews' }
  /** `kind` and `requisitionId` prefill the setup, e.g. "Record intake call" on a requisition. */
  | { view: 'record'; kind?: 'intake' | 'interview'; requisitionId?: string }
  | { view: 'session'; sessionId: string; segmentId?: string }
  | { view: 'scorecard'; sessionId: string }
  | { view: 'debrief'; candidateId: string }
  | { view: 'search'; query: string }
  | { view: 'settings' };

export type Section = 'requisitions' | 'interviews' | 'search' | 'settings';

export function sectionOf(route: Route): Section {
  if (route.view === 'requisition') return 'requisitions';
  return route.view === 'session' || route.view === 'record' || route.view === 'scorecard' || route.view === 'debrief' ? 'interviews' : route.view;
}

/** `#/interviews/<id>?segment=<id>`, `#/search?q=…`, `#/settings` … */
export function parseRoute(hash: string): Route {
  const [pathPart = '', queryPart = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = pathPart.split('/').filter(Boolean).map(safeDecode);
  const params = new URLSearchParams(queryPart);
  switch (parts[0]) {
    case 'requisitions': {
      const version = Number(params.get('version'));
      if (parts[1]) return { view: 'requisition', requisitionId: parts[1], ...(Number.isInteger(version) && version > 0 ? { version } : {}) };
      return { view: 'requisitions' };
    }
    case 'search':
      return { view: 'search', query: params.get('q') ?? '' };
    case 'settings':
      return { view: 'settings' };
    case 'record': {
      const kind = params.get('kind');
      const requisitionId = params.get('requisition');
      return { view: 'record', ...(kind === 'intake' || kind === 'interview' ? { kind } : {}), ...(requisitionId ? { requisitionId } : {}) };
    }
    case 'candidates':
      if (parts[1] && parts[2] === 'debrief') return { view: 'debrief', candidateId: parts[1] };
      return { view: 'interviews' };
    case 'interviews':
      if (parts[1] && parts[2] === 'scorecard') return { view: 'scorecard', sessionId: parts[1] };
      if (parts[1]) return { view: 'session', sessionId: parts[1], segmentId: params.get('segment') ?? undefined };
      return { view: 'interviews' };
    default:
      return { view: 'interviews' };
  }
}

export function hrefFor(route: Route): string {
  switch (route.view) {
    case 'session': {
      const segment = route.segmentId ? `?segment=${encodeURIComponent(route.segmentId)}` : '';
      return `#/interviews/${encodeURIComponent(route.sessionId)}${segment}`;
    }
    case 'scorecard':
      return `#/interviews/${encodeURIComponent(route.sessionId)}/scorecard`;
    case 'debrief':
      return `#/candidates/${encodeURIComponent(route.candidateId)}/debrief`;
    case 'requisition':
      return `#/requisitions/${encodeURIComponent(route.requisitionId)}${route.version ? `?version=${route.version}` : ''}`;
    case 'record': {
      const params = new URLSearchParams({ ...(route.kind ? { kind: route.kind } : {}), ...(route.requisitionId ? { requisition: route.requisitionId } : {}) });
      const query = params.toString();
      return query ? `#/record?${query}` : '#/record';
    }
    case 'search':
      return route.query ? `#/search?${new URLSearchParams({ q: route.query }).toString()}` : '#/search';
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
