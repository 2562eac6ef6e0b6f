import { useEffect, useRef, useState } from 'react';
import './transcript.css';
import '../tagging/tagging.css';
import type { SessionDetail, TranscriptSegment } from '../../../shared/ipc/contract.js';
import { hrefFor } from '../app-shell/route.js';
import { momentLabel, type Moment, type RubricCriterion } from '../tagging/tagging-types.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate, formatDuration, formatTimestamp, speakerSlot } from '../ui/format.js';
import { useIpc } from '../ui/use-ipc.js';
import { segmentIndexAt } from './moment-format.js';
import { momentKind } from './moment-timeline.js';
import { MomentsReview } from './moments-review.js';
import { readWordSelection, SelectionBar, SpeakerChangeError, SpeakersBar, useSpeakerChange, type WordSelection } from './speaker-controls.js';
import { useSessionMoments } from './use-session-moments.js';
import { SessionActions } from '../sessions/session-actions.js';
import { TranscribeControls } from './transcribe-controls.js';
import { useTrackAudio } from './use-track-urls.js';

export function TranscriptView({ sessionId, segmentId, at }: { sessionId: string; segmentId?: string; at?: number }) {
  const [loaded] = useIpc(() => window.debrief.sessionsGet({ id: sessionId }), sessionId);
  // After a speaker change the transcript is fetched again in place, keeping the review's state.
  const [fresh, setFresh] = useState<SessionDetail | null>(null);
  const session = fresh?.id === sessionId ? { state: 'ok' as const, value: fresh } : loaded;
  const refresh = async () => {
    const r = await window.debrief.sessionsGet({ id: sessionId });
    if (r.ok) setFresh(r.value);
  };
  return (
    <section className="view transcript-view" aria-labelledby="transcript-title">
      <a className="back-link" href={hrefFor({ view: 'interviews' })}>
        ← Interviews
      </a>
      {session.state === 'loading' && <p className="muted">Loading…</p>}
      {session.state === 'error' && <ErrorMessage title="Could not open this interview." error={session.error} />}
      {session.state === 'ok' && <SessionTranscript session={session.value} segmentId={segmentId} at={at} onChanged={refresh} />}
    </section>
  );
}

function SessionTranscript({ session, segmentId, at, onChanged }: { session: SessionDetail; segmentId?: string; at?: number; onChanged: () => Promise<void> }) {
  const { urls, damaged } = useTrackAudio(session.tracks);
  const audio = useRef<HTMLAudioElement>(null);
  const [chosenTrack, setChosenTrack] = useState<string>();
  const [playhead, setPlayhead] = useState<number>();
  const [shownSegment, setShownSegment] = useState<string>();
  const moments = useSessionMoments(session.id);
  const criteria = moments.context?.rubric?.criteria ?? [];
  const speakerChange = useSpeakerChange(async () => {
    await onChanged();
    await moments.reload();
  });
  const [ticked, setTicked] = useState<string[]>([]);
  const [words, setWords] = useState<WordSelection | null>(null);
  const clearSelection = () => {
    setTicked([]);
    setWords(null);
    window.getSelection()?.removeAllRanges();
  };
  const defaultTrack = session.tracks.find((t) => urls.has(t.id))?.id;
  const activeTrack = chosenTrack ?? defaultTrack;
  const activeUrl = activeTrack === undefined ? undefined : urls.get(activeTrack);

  // Arriving from a search hit (a line, or a moment's time): bring that segment into view, give it
  // focus, and cue the audio there so Play starts at the moment rather than at 0:00.
  useEffect(() => {
    const target = segmentId ? session.segments.find((s) => s.id === segmentId) : at === undefined ? undefined : session.segments[segmentIndexAt(session.segments, at)];
    if (!target) return;
    if (!segmentId) setShownSegment(target.id);
    const element = document.getElementById(segmentElementId(target.id));
    element?.scrollIntoView({ block: 'center' });
    element?.focus({ preventScroll: true });
    const player = audio.current;
    const track = trackFor(target);
    if (!player || track === undefined) return;
    if (track !== activeTrack) setChosenTrack(track);
    const cue = () => {
      player.currentTime = at ?? target.start;
    };
    if (track === activeTrack && player.readyState >= HTMLMediaElement.HAVE_METADATA) cue();
    else player.addEventListener('loadedmetadata', cue, { once: true });
    // Only on arrival (and once the track URLs are known), not on every render.
  }, [segmentId, at, session.id, urls.size]);

  function trackFor(segment: TranscriptSegment): string | undefined {
    return segment.trackId !== null && urls.has(segment.trackId) ? segment.trackId : defaultTrack;
  }

  function playFrom(segment: TranscriptSegment) {
    const element = audio.current;
    const track = trackFor(segment);
    if (!element || track === undefined) return;
    const seekAndPlay = () => {
      element.currentTime = segment.start;
      element.play().catch((error: unknown) => console.warn('Playback did not start', error));
    };
    if (track !== activeTrack) {
      // React swaps the src on the next render; seek once the new file's metadata is in.
      setChosenTrack(track);
      element.addEventListener('loadedmetadata', seekAndPlay, { once: true });
    } else if (element.readyState >= HTMLMediaElement.HAVE_METADATA) {
      seekAndPlay();
    } else {
      element.addEventListener('loadedmetadata', seekAndPlay, { once: true });
      element.load();
    }
  }

  // From a moment to the words: bring its segment into view and mark it.
  function showTime(sec: number) {
    const segment = session.segments[segmentIndexAt(session.segments, sec)];
    if (!segment) return;
    setShownSegment(segment.id);
    const element = document.getElementById(segmentElementId(segment.id));
    element?.scrollIntoView({ block: 'center' });
    element?.focus({ preventScroll: true });
  }

  // Each segment lists the moments that fall in it (rejected proposals are not shown).
  const momentsBySegment = new Map<string, Moment[]>();
  for (const m of moments.moments ?? []) {
    if (momentKind(m) === 'rejected') continue;
    const segment = session.segments[segmentIndexAt(session.segments, m.start)];
    if (segment) momentsBySegment.set(segment.id, [...(momentsBySegment.get(segment.id) ?? []), m]);
  }

  const playable = (segment: TranscriptSegment) => trackFor(segment) !== undefined;
  const isPlaying = (segment: TranscriptSegment) =>
    playhead !== undefined && trackFor(segment) === activeTrack && segment.start <= playhead && playhead < segment.end;

  return (
    <>
      <header className="view__header view__header--stacked">
        <h1 id="transcript-title">{session.title}</h1>
        <p className="transcript-meta">
          <span className={`badge badge--${session.kind}`}>{session.kind === 'intake' ? 'Intake' : 'Interview'}</span>
          <span>{formatDate(session.startedAt ?? session.createdAt)}</span>
          <span>{formatDuration(session.durationSec)}</span>
          <span>{session.segmentCount} segments</span>
          {session.speakers.length > 0 && <span>{session.speakers.join(', ')}</span>}
          {session.kind === 'interview' && <a href={hrefFor({ view: 'scorecard', sessionId: session.id })}>Scorecard</a>}
        </p>
        <SessionActions sessionId={session.id} title={session.title} onChanged={onChanged} />
        <TranscribeControls
          session={session}
          onTranscribed={async () => {
            await onChanged();
            await moments.reload();
          }}
        />
      </header>

      {activeUrl !== undefined ? (
        <div className="player">
          <audio
            ref={audio}
            controls
            preload="metadata"
            src={activeUrl}
            aria-label="Interview audio"
            onTimeUpdate={(e) => setPlayhead(e.currentTarget.currentTime)}
          />
          {activeTrack !== undefined && damaged.has(activeTrack) && (
            <p role="alert" className="player-note">
              {damaged.get(activeTrack)}
            </p>
          )}
        </div>
      ) : session.audioDeletedAt ? (
        <p className="muted player-note">Audio deleted on {formatDate(session.audioDeletedAt)} under the retention policy.</p>
      ) : (
        <p className="muted player-note">No audio for this session: the transcript was imported.</p>
      )}

      <MomentsReview session={session} state={moments} onShowTime={showTime} onSpeakersChanged={onChanged} />

      <SpeakersBar sessionId={session.id} speakers={session.speakers} hasTranscript={session.segments.length > 0} change={speakerChange.change} busy={speakerChange.busy} />
      <SpeakerChangeError error={speakerChange.error} />
      <SelectionBar
        key={`${ticked.join()}|${words?.segmentId ?? ''}`}
        sessionId={session.id}
        speakers={session.speakers}
        lines={ticked}
        words={words}
        criteria={criteria}
        change={speakerChange.change}
        busy={speakerChange.busy || moments.busy}
        onEvidence={(w, criterionId) =>
          void moments.run(() => window.debrief.momentsAddEvidence({ sessionId: session.id, segmentId: w.segmentId, fromWord: w.fromWord, toWord: w.toWord, criterionId })).then((m) => m && clearSelection())
        }
        onClear={clearSelection}
      />

      {session.segments.length === 0 ? (
        <p className="empty-state">
          {session.transcriptDeletedAt
            ? `Transcript deleted on ${formatDate(session.transcriptDeletedAt)} under the retention policy.`
            : 'This session has no transcript yet.'}
        </p>
      ) : (
        <ol className="segments" aria-label="Transcript" onMouseUp={() => setWords(readWordSelection())} onKeyUp={() => setWords(readWordSelection())}>
          {session.segments.map((segment) => {
            const classes = ['segment'];
            if (segment.id === segmentId || segment.id === shownSegment) classes.push('segment--target');
            if (isPlaying(segment)) classes.push('segment--playing');
            const time = formatTimestamp(segment.start);
            const slot = speakerSlot(session.speakers, segment.speaker);
            return (
              <li key={segment.id} id={segmentElementId(segment.id)} className={classes.join(' ')} tabIndex={-1} data-testid="segment">
                <div className="segment__meta">
                  <input
                    type="checkbox"
                    className="segment__pick"
                    aria-label={`Select line at ${time}`}
                    checked={ticked.includes(segment.id)}
                    onChange={(e) => setTicked((list) => (e.target.checked ? [...list, segment.id] : list.filter((id) => id !== segment.id)))}
                  />
                  {playable(segment) ? (
                    <button type="button" className="segment__time" aria-label={`Play from ${time}`} onClick={() => playFrom(segment)}>
                      {time}
                    </button>
                  ) : (
                    <span className="segment__time segment__time--static">{time}</span>
                  )}
                  <span className={`speaker speaker--${slot}`}>{segment.speaker ?? 'Unknown speaker'}</span>
                </div>
                <div>
                  <p className="segment__text" data-segment-id={segment.id}>
                    <SegmentWords text={segment.text} />
                  </p>
                  <SegmentMoments moments={momentsBySegment.get(segment.id)} criteria={criteria} />
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}

const BADGE_PREFIX = { tag: 'Tag', flag: 'Flag', proposed: 'To review', evidence: 'Evidence', rejected: 'Rejected' } as const;

function SegmentMoments({ moments, criteria }: { moments: Moment[] | undefined; criteria: readonly RubricCriterion[] }) {
  if (!moments?.length) return null;
  return (
    <ul className="segment__moments" aria-label="Moments here">
      {moments.map((m) => {
        const kind = momentKind(m);
        return (
          <li key={m.id} className={`segment-moment segment-moment--${kind}`} data-testid="segment-moment" data-kind={kind}>
            {BADGE_PREFIX[kind]}
            {kind !== 'flag' || m.criterionId ? `: ${momentLabel(m, criteria)}` : ''}
            {m.note ? ` — ${m.note}` : ''}
          </li>
        );
      })}
    </ul>
  );
}

/** The line's words as spans, so a text selection can be read as word positions (the same words the store cuts at). */
function SegmentWords({ text }: { text: string }) {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return (
    <>
      {words.map((w, i) => (
        <span key={i}>
          {i > 0 ? ' ' : ''}
          <span data-word={i}>{w}</span>
        </span>
      ))}
    </>
  );
}

export function segmentElementId(segmentId: string): string {
  return `segment-${segmentId}`;
}
