import { useEffect, useState } from 'react';
import type { TrackSummary } from '../../../shared/ipc/contract.js';

export interface TrackAudio {
  /** trackId → playable URL, for the tracks whose audio is still on disk. */
  urls: ReadonlyMap<string, string>;
  /** trackId → what is damaged in its recording, for the tracks that are. */
  damaged: ReadonlyMap<string, string>;
}

/** trackId → playable URL, for the tracks whose audio is still on disk. */
export function useTrackUrls(tracks: TrackSummary[]): ReadonlyMap<string, string> {
  return useTrackAudio(tracks).urls;
}

export function useTrackAudio(tracks: TrackSummary[]): TrackAudio {
  const [audio, setAudio] = useState<TrackAudio>({ urls: new Map(), damaged: new Map() });
  const key = tracks.map((t) => t.id).join(',');
  useEffect(() => {
    let current = true;
    Promise.all(
      tracks.map(async (track) => {
        const result = await window.debrief.audioTrackUrl({ trackId: track.id });
        return result.ok && result.value ? ([track.id, result.value] as const) : undefined;
      }),
    ).then(
      (entries) => {
        if (!current) return;
        const found = entries.filter((e) => e !== undefined);
        setAudio({
          urls: new Map(found.map(([id, v]) => [id, v.url])),
          damaged: new Map(found.flatMap(([id, v]) => (v.damaged ? [[id, v.damaged] as const] : []))),
        });
      },
      // No audio is a normal state (imported transcripts): the transcript still shows.
      (error: unknown) => console.warn('Could not look up track audio', error),
    );
    return () => {
      current = false;
    };
    // `key` stands for the track list.
  }, [key]);
  return audio;
}
