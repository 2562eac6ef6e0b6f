import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute, type Route } from './route.js';

describe('hash routes', () => {
  it('round-trips every view', () => {
    const routes: Route[] = [
      { view: 'requisitions' },
      { view: 'interviews' },
      { view: 'session', sessionId: 'a1', segmentId: 's/2' },
      { view: 'session', sessionId: 'a1', segmentId: undefined },
      { view: 'search', query: '"system design" -salary & more' },
      { view: 'search', query: 'kube*', filters: { requisitionId: 'r 1', speaker: 'candidate', from: '2025-01-01' } },
      { view: 'session', sessionId: 'a1', at: 754.5 },
      { view: 'settings' },
      { view: 'calibration', requisitionId: 'r/1' },
      { view: 'alignment' },
      { view: 'debrief', candidateId: 'c 1' },
      { view: 'brief', candidateId: 'c 1' },
      { view: 'record' },
      { view: 'record', kind: 'intake', requisitionId: 'r/1' },
    ];
    for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route);
  });

  it('falls back to Interviews for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ view: 'interviews' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'interviews' });
    expect(parseRoute('#/record?kind=meeting')).toEqual({ view: 'record' });
  });
});
