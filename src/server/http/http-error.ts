/** An error the server answers with a status and a sentence for the person (never a stack). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const badRequest = (message: string) => new HttpError(400, 'invalid-input', message);
export const notFound = (message: string) => new HttpError(404, 'not-found', message);
