// Stripe's error body: { error: { type, code?, decline_code?, message, param?, doc_url? } } with the
// HTTP status Stripe uses for it (400 bad params, 401 no key, 402 card errors, 404 missing objects,
// 409 an idempotent request still running). The SDK maps `type` to its error classes.
export type StripeErrorType =
  | "invalid_request_error"
  | "card_error"
  | "api_error"
  | "idempotency_error"
  | "authentication_error";

export class StripeApiError extends Error {
  readonly status: number;
  readonly type: StripeErrorType;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly declineCode: string | undefined;

  constructor(
    status: number,
    type: StripeErrorType,
    message: string,
    extra: { code?: string; param?: string; declineCode?: string } = {},
  ) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = extra.code;
    this.param = extra.param;
    this.declineCode = extra.declineCode;
  }

  toJSON(): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, message: this.message };
    if (this.code) {
      error.code = this.code;
      error.doc_url = `https://stripe.com/docs/error-codes/${this.code.replaceAll("_", "-")}`;
    }
    if (this.declineCode) error.decline_code = this.declineCode;
    if (this.param) error.param = this.param;
    return { error };
  }
}

export function invalidRequest(
  message: string,
  extra: { code?: string; param?: string } = {},
): StripeApiError {
  return new StripeApiError(400, "invalid_request_error", message, extra);
}

export function resourceMissing(kind: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(404, "invalid_request_error", `No such ${kind}: '${id}'`, {
    code: "resource_missing",
    param,
  });
}

export function cardDeclined(): StripeApiError {
  return new StripeApiError(402, "card_error", "Your card was declined.", {
    code: "card_declined",
    declineCode: "generic_decline",
  });
}
