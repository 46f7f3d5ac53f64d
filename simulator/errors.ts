// Aculab reports every business error as HTTP 400 with a numeric code; 0007 and the
// 04xx/05xx codes are the simulator's own choices where the reference is silent.

export const ErrorCode = {
  missing: "0001",
  malformed: "0002",
  duplicate: "0003",
  zero: "0004",
  regulationRequired: "0005",
  regulationMismatch: "0006",
  notEnoughStock: "0007",
  notYours: "0300",
  authFailed: "0401",
  unknownService: "0404",
  methodNotAllowed: "0405",
  bodyTooLarge: "0413",
  tooManyRequests: "0429",
  internal: "0500",
  unavailable: "0503",
} as const;

/**
 * The error answer the simulator sends: an HTTP status and Aculab's `{error: {code, text}}` body.
 * Thrown by a service and answered by the server. (The client's AculabError is what the provider
 * makes of such an answer.)
 */
export class ErrorAnswer extends Error {
  constructor(
    readonly code: string,
    text: string,
    readonly httpStatus = 400,
  ) {
    super(text);
  }

  body(): { error: { code: string; text: string } } {
    return { error: { code: this.code, text: this.message } };
  }
}

export const missing = (text: string) => new ErrorAnswer(ErrorCode.missing, text);
export const malformed = (text: string) => new ErrorAnswer(ErrorCode.malformed, text);
