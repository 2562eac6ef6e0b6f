import { z } from 'zod';
import { fileTokenSchema } from './file-channels.js';
import { id, noInput, seconds, sessionKindSchema, wordSchema, type ChannelSpecs } from './primitives.js';

/** Recording, live transcript, consent and audio import. PCM itself travels outside these channels (see DebriefApi.openCaptureStream). */

const trackSourceSchema = z.enum(['mic', 'system']);
const speakerLabel = z.string().trim().min(1, 'a speaker name is empty').max(100);

export const recordingStatusSchema = z.object({
  sessionId: id,
  state: z.enum(['recording', 'paused', 'finishing', 'stopped', 'failed']),
  elapsedSec: seconds,
  backlogSec: seconds,
  liveTranscription: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Seconds recorded per track: one falling behind the others has stopped getting audio. */
  tracks: z.array(z.object({ id, recordedSec: seconds })),
});

export const liveSegmentSchema = z.object({
  position: z.number().int().nonnegative(),
  trackId: id.nullable(),
  start: seconds,
  end: seconds,
  speaker: z.string().nullable(),
  text: z.string(),
  words: z.array(wordSchema),
});

const consentTextSchema = z.string().trim().min(1, 'the consent notice is empty').max(4000);

export const captureChannels = {
  'capture:start': {
    input: z
      .object({
        title: z.string().trim().min(1, 'the title is empty').max(300),
        kind: sessionKindSchema,
        consentText: consentTextSchema,
        consentAcknowledgedAt: z.iso.datetime({ offset: true }),
        rubricVersionId: id.nullable().optional(),
        interviewer: z.string().trim().max(200).nullable().optional(),
        /** Filed before the call: who is interviewed, for which requisition and stage. */
        candidateId: id.nullable().optional(),
        requisitionId: id.nullable().optional(),
        stage: z.string().trim().max(200).nullable().optional(),
        tracks: z
          .array(z.object({ source: trackSourceSchema, speakerLabel, sampleRate: z.number().int().min(8000).max(192000) }).strict())
          .min(1, 'choose at least one audio source')
          .max(2),
      })
      .strict(),
    output: z.object({
      sessionId: id,
      tracks: z.array(z.object({ id, source: trackSourceSchema, speakerLabel: z.string() })),
    }),
  },
  'capture:pause': { input: z.object({ sessionId: id }).strict(), output: recordingStatusSchema },
  'capture:resume': { input: z.object({ sessionId: id }).strict(), output: recordingStatusSchema },
  'capture:stop': { input: z.object({ sessionId: id }).strict(), output: recordingStatusSchema },
  /** Recordings still running in the backend: a reloaded (or crashed and restarted) window reattaches to them. */
  'capture:active': {
    input: noInput,
    output: z.array(
      z.object({
        sessionId: id,
        state: z.enum(['recording', 'paused']),
        tracks: z.array(z.object({ id, source: trackSourceSchema, speakerLabel: z.string(), sampleRate: z.number().int().positive(), recordedSec: z.number().nonnegative() })),
      }),
    ),
  },
  /** Polled by the recorder: state, and the live segments after `afterPosition`. */
  'capture:status': {
    input: z.object({ sessionId: id, afterPosition: z.number().int().min(-1).optional() }).strict(),
    output: recordingStatusSchema.extend({ segments: z.array(liveSegmentSchema) }),
  },
  'capture:renameSpeaker': {
    input: z.object({ trackId: id, speaker: speakerLabel }).strict(),
    output: z.object({ trackId: id, speaker: z.string() }),
  },
  /** Recordings a crash left open, recovered at this launch. */
  'capture:recoveredNotices': {
    input: noInput,
    output: z.array(z.object({ sessionId: id, message: z.string(), transcribedTailSec: seconds })),
  },
  'capture:importAudio': {
    input: z
      .object({
        path: z.string().trim().min(1, 'the file path is empty').max(4096).optional(),
        fileToken: fileTokenSchema.optional(),
        title: z.string().trim().min(1).max(300).optional(),
        kind: sessionKindSchema.optional(),
        /** Keep the audio where it is instead of copying it into the data folder. */
        keepLink: z.boolean().optional(),
        /** Two-channel file: left is You (the microphone), right is Them. */
        splitStereo: z.boolean().optional(),
      })
      .strict(),
    /** `notes`: what the user should know, e.g. "call.webm ended early (…); transcribed the 312.4 s that are there." */
    output: z.object({ sessionId: id, trackCount: z.number().int().positive(), segmentCount: z.number().int().nonnegative(), notes: z.array(z.string()) }),
  },
  'settings:getConsent': { input: noInput, output: z.object({ text: z.string() }) },
  'settings:setConsent': { input: z.object({ text: consentTextSchema }).strict(), output: z.object({ text: z.string() }) },
} as const satisfies ChannelSpecs;
