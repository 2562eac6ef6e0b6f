import { z } from 'zod';
import { id, type ChannelSpecs } from './primitives.js';

/**
 * Comments on a rubric version: the conversation before a sign-off. They live on the team server
 * (the web view reads and writes them); the laptop's transport does not serve them.
 */
export const rubricCommentSchema = z.object({
  id,
  versionId: id,
  /** The commenter's name on the team server. */
  author: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export const commentChannels = {
  'rubrics:comments': { input: z.object({ versionId: id }).strict(), output: z.array(rubricCommentSchema) },
  'rubrics:comment': {
    input: z.object({ versionId: id, body: z.string().trim().min(1, 'the comment is empty').max(4000, 'a comment is at most 4000 characters') }).strict(),
    output: rubricCommentSchema,
  },
} as const satisfies ChannelSpecs;
