import { signChatbotBody } from '../../src/intake/chatbot';
import { BENCH_CHATBOT_SECRET } from './bench-env';

/**
 * Distinct chat-bot messages as the portal's chat-bot signs them: each a
 * session and message of its own, so each opens a request.
 */
export interface SignedMessage {
  messageId: string;
  body: string;
  signature: string;
}

export function signedMessage(messageId: string, text = 'Портал не открывается'): SignedMessage {
  const body = JSON.stringify({
    sessionId: `s-${messageId}`,
    messageId,
    sentAt: new Date().toISOString(),
    text,
  });
  return { messageId, body, signature: signChatbotBody(body, BENCH_CHATBOT_SECRET) };
}

export interface PostOutcome {
  messageId: string;
  /** 0 when no answer came (connection refused or reset, timeout). */
  status: number;
  retryAfter: string | null;
  outcome: string | null;
  ms: number;
}

/** One POST /webhooks/chatbot; a network failure is an outcome, not a throw. */
export async function postMessage(
  baseUrl: string,
  message: SignedMessage,
  timeoutMs = 15_000,
): Promise<PostOutcome> {
  const began = performance.now();
  try {
    const res = await fetch(`${baseUrl}/webhooks/chatbot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': message.signature },
      body: message.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await res.json().catch(() => ({}))) as { outcome?: string };
    return {
      messageId: message.messageId,
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      outcome: json.outcome ?? null,
      ms: performance.now() - began,
    };
  } catch {
    const ms = performance.now() - began;
    return { messageId: message.messageId, status: 0, retryAfter: null, outcome: null, ms };
  }
}
