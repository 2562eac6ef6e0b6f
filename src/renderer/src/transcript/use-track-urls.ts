import { useEffect, useState } from 'react';
import type { TrackSummary } from '../../../shared/ipc/contract.js';

/** trackId → playable URL, for the tracks whose audio is still on disk. */
export function useTrackUrls(tracks: TrackSummary[]): ReadonlyMap<string, string> {
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map());
  const key = tracks.map((t) => t.id).join(',');
  useEffect(() => {
    let current = true;
    Promise.all(
      tracks.map(async (track) => {
        const result = await window.debrief.audioTrackUrl({ trackId: track.id });
        return result.ok && result.value ? ([track.id, result.value.url] as const) : undefined;
      }),
    ).then(
      (entries) => current && setUrls(new Map(entries.filter((e) => e !== undefined))),
      // No audio is a normal state (imported transcripts): the transcript still shows.
      (error: unknown) => console.warn('Could not look up track audio', error),
    );
    return () => {
      current = false;
    };
    // `key` stands for the track list.
  }, [key]);
  return urls;
}
