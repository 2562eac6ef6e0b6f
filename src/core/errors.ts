/**
 * An error the user caused or can fix (bad file, bad query, missing model).
 * The CLI prints its message without a stack trace and exits non-zero.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}
