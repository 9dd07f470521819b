// Errors that server-side checks throw and the edges (route handlers, server actions)
// turn into answers. Kept free of next-auth so command-line tools can share services.

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}
