import { DeliveryError, isRetryableStatus } from '../delivery-error';

/**
 * One JSON POST with a time limit, its failure sorted into retryable or not.
 * Network errors and timeouts are retryable: the gateway may never have
 * seen the request, and if it did, the idempotency key lets it drop the
 * repeat.
 */
export interface PostJsonOptions {
  /** Names the gateway in error messages, e.g. "SMS gateway". */
  gateway: string;
  timeoutMs: number;
  headers?: Record<string, string>;
}

export async function postJson(
  url: string,
  body: unknown,
  options: PostJsonOptions,
): Promise<unknown> {
  const raw = JSON.stringify(body);
  let response: Response;

  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: raw,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    throw networkError(err, options);
  }

  const answer = await readJson(response);
  if (response.ok) return answer;

  throw new DeliveryError(
    isRetryableStatus(response.status) ? 'GATEWAY_UNAVAILABLE' : 'GATEWAY_REJECTED',
    `${options.gateway} answered ${response.status}${describe(answer)}`,
    { retryable: isRetryableStatus(response.status), status: response.status },
  );
}

function networkError(err: unknown, options: PostJsonOptions): DeliveryError {
  const name = (err as { name?: string }).name;

  if (name === 'TimeoutError' || name === 'AbortError') {
    return new DeliveryError(
      'GATEWAY_TIMEOUT',
      `${options.gateway} did not answer within ${options.timeoutMs} ms`,
      { retryable: true, cause: err },
    );
  }

  // fetch hides the socket error (ECONNREFUSED, ENOTFOUND) in its cause.
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (err as Error).message;
  return new DeliveryError('GATEWAY_UNAVAILABLE', `${options.gateway} unreachable: ${detail}`, {
    retryable: true,
    cause: err,
  });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return null;

  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A short reason from the gateway's answer, for `lastError`; never the whole body. */
function describe(answer: unknown): string {
  if (answer === null || answer === undefined) return '';

  const fields = answer as { description?: unknown; error?: unknown; message?: unknown };
  const reason = fields.description ?? fields.error ?? fields.message ?? answer;
  const text = typeof reason === 'string' ? reason : JSON.stringify(reason);
  return `: ${text.slice(0, 200)}`;
}
