import { useCallback, useEffect, useState } from 'react';
import type { InputOf, IpcError, OutputOf } from '../../../shared/ipc/contract.js';
import { unexpectedError, type Loadable } from '../ui/use-ipc.js';

export type InterviewPageRow = OutputOf<'interviews:page'>['rows'][number];
export type InterviewCounts = OutputOf<'interviews:counts'>;
export type InterviewFilter = { requisitionId?: string; status?: NonNullable<InputOf<'interviews:page'>>['status'] };

interface Listing {
  rows: InterviewPageRow[];
  next: OutputOf<'interviews:page'>['next'];
  counts: InterviewCounts;
  /** The filter these rows answer. */
  key: string;
}

/**
 * The Interviews list as the store pages it: the first page and the filter counts whenever the
 * filter changes, more pages appended on demand. A reply to an older filter is dropped.
 */
export function useInterviewPages(filter: InterviewFilter) {
  const [listing, setListing] = useState<Loadable<Listing>>({ state: 'loading' });
  const [more, setMore] = useState<{ busy: boolean; error?: IpcError }>({ busy: false });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const key = JSON.stringify(filter);

  useEffect(() => {
    let current = true;
    // The rows shown stay until the new ones come, so the filter controls keep their place and focus.
    setListing((now) => (now.state === 'ok' ? now : { state: 'loading' }));
    setMore({ busy: false });
    Promise.all([window.debrief.interviewsPage(filter), window.debrief.interviewsCounts(filter)]).then(
      ([page, counts]) => {
        if (!current) return;
        if (!page.ok) setListing({ state: 'error', error: page.error });
        else if (!counts.ok) setListing({ state: 'error', error: counts.error });
        else setListing({ state: 'ok', value: { rows: page.value.rows, next: page.value.next, counts: counts.value, key } });
      },
      (error: unknown) => current && setListing({ state: 'error', error: unexpectedError(error) }),
    );
    return () => {
      current = false;
    };
    // `filter` is a new object each render; `key` says when it means something new.
  }, [key, generation]);

  const showMore = useCallback(async () => {
    if (listing.state !== 'ok' || listing.value.key !== key || !listing.value.next || more.busy) return;
    const after = listing.value.next;
    setMore({ busy: true });
    try {
      const page = await window.debrief.interviewsPage({ ...filter, after });
      if (!page.ok) return setMore({ busy: false, error: page.error });
      // Only if the listing is still the one this page continues (no filter change or reload since).
      setListing((now) =>
        now.state === 'ok' && now.value.next === after ? { state: 'ok', value: { ...now.value, rows: [...now.value.rows, ...page.value.rows], next: page.value.next } } : now,
      );
      setMore({ busy: false });
    } catch (error) {
      setMore({ busy: false, error: unexpectedError(error) });
    }
    // `key` stands for `filter`.
  }, [listing, more.busy, key]);

  return { listing, more, showMore, reload };
}
