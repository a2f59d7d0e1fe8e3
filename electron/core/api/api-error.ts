/** An error whose message is meant for the caller; anything else is logged and reported as internal. */
export class ApiError extends Error {
  constructor(
    readonly code: 'bad-params' | 'not-found' | 'conflict' | 'unavailable' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
