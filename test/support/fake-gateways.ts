import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Real local servers standing in for the notices' gateways, on 127.0.0.1
 * with a port of their own: one HTTP server plays the SMS gateway
 * (`POST /sms`), the Telegram Bot API (`POST /bot<token>/sendMessage`) and
 * the chat-bot's callback (`POST /chatbot`); an `smtp-server` takes mail.
 *
 * The SMS gateway and the chat-bot honour the idempotency key as a real
 * gateway would: a repeat of a `clientMessageId` / `noticeId` already
 * accepted answers 200 and is dropped, so what reaches the participant can
 * be counted apart from what was sent.
 */
export type GatewayRoute = 'sms' | 'telegram' | 'chatbot';

export interface ReceivedCall {
  route: GatewayRoute;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The idempotency key it carried (SMS `clientMessageId`, chat-bot `noticeId`). */
  key: string | null;
  /** When it arrived, wall-clock epoch ms. */
  at: number;
  /** Delivered, dropped as a repeat of an accepted key, or failed on purpose. */
  outcome: 'accepted' | 'repeat' | 'failed';
}

interface PlannedFailure {
  route: GatewayRoute | null;
  status: number;
  left: number;
}

export class FakeHttpGateway {
  /** Every request heard, in order, whatever was answered. */
  readonly received: ReceivedCall[] = [];
  /** How long to hold each accepted request before answering 200, ms. */
  delayMs = 0;
  private readonly failures: PlannedFailure[] = [];
  private readonly acceptedKeys = new Set<string>();

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<FakeHttpGateway> {
    let gateway: FakeHttpGateway | null = null;
    const server = http.createServer((req, res) => void gateway!.handle(req, res));

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    gateway = new FakeHttpGateway(server);
    return gateway;
  }

  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get smsUrl(): string {
    return `${this.baseUrl}/sms`;
  }

  /** TELEGRAM_API_URL: the bot's calls go to `<this>/bot<token>/sendMessage`. */
  get telegramApiUrl(): string {
    return this.baseUrl;
  }

  get chatbotCallbackUrl(): string {
    return `${this.baseUrl}/chatbot`;
  }

  /** The environment that points the desk's transports here. */
  env(): Record<string, string> {
    return {
      SMS_GATEWAY_URL: this.smsUrl,
      TELEGRAM_API_URL: this.telegramApiUrl,
      TELEGRAM_BOT_TOKEN: 'test-bot-token',
      CHATBOT_CALLBACK_URL: this.chatbotCallbackUrl,
    };
  }

  /** The next `count` requests (to `route`, or to any) are answered with `status`. */
  failNext(count: number, status: number, route: GatewayRoute | null = null): void {
    this.failures.push({ route, status, left: count });
  }

  /** Accepted calls, to one route or all. */
  delivered(route?: GatewayRoute): ReceivedCall[] {
    return this.received.filter(
      (call) => call.outcome === 'accepted' && (!route || call.route === route),
    );
  }

  /** Distinct idempotency keys accepted, each exactly once by construction. */
  uniqueKeys(): Set<string> {
    return new Set(this.acceptedKeys);
  }

  /** Repeats of an accepted key that were dropped. */
  get duplicatesDropped(): number {
    return this.received.filter((call) => call.outcome === 'repeat').length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const route = routeOf(req);
    if (!route || req.method !== 'POST') return answer(res, 404, { error: 'no such route' });

    const body = await readBody(req);
    const key = keyOf(route, body);
    const call: ReceivedCall = {
      route,
      path: req.url ?? '',
      headers: req.headers,
      body,
      key,
      at: Date.now(),
      outcome: 'failed',
    };
    this.received.push(call);

    const failure = this.takeFailure(route);
    if (failure) return answer(res, failure, failureBody(route, failure));

    const repeat = key !== null && this.acceptedKeys.has(key);
    if (key !== null) this.acceptedKeys.add(key);
    call.outcome = repeat ? 'repeat' : 'accepted';

    // Accepted first, answered later: a client that dies meanwhile was heard.
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    answer(res, 200, successBody(route, this.received.length, repeat));
  }

  private takeFailure(route: GatewayRoute): number | null {
    const planned = this.failures.find(
      (f) => f.left > 0 && (f.route === null || f.route === route),
    );
    if (!planned) return null;

    planned.left -= 1;
    return planned.status;
  }
}

function routeOf(req: http.IncomingMessage): GatewayRoute | null {
  const path = (req.url ?? '').split('?')[0];
  if (path === '/sms') return 'sms';
  if (path === '/chatbot') return 'chatbot';
  if (/^\/bot[^/]+\/sendMessage$/.test(path)) return 'telegram';
  return null;
}

function keyOf(route: GatewayRoute, body: Record<string, unknown>): string | null {
  const key = route === 'sms' ? body.clientMessageId : route === 'chatbot' ? body.noticeId : null;
  return typeof key === 'string' ? key : null;
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);

  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function successBody(route: GatewayRoute, messageId: number, duplicate: boolean) {
  if (route === 'telegram') return { ok: true, result: { message_id: messageId } };
  return { status: 'accepted', id: messageId, duplicate };
}

function failureBody(route: GatewayRoute, status: number) {
  if (route === 'telegram') {
    return { ok: false, error_code: status, description: `Fake failure ${status}` };
  }
  return { error: `fake failure ${status}` };
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  raw: string;
}

/** An SMTP server that keeps what it receives; plain SMTP, no TLS or AUTH. */
export class FakeSmtpServer {
  readonly messages: ReceivedMail[] = [];
  private rejections: { code: number; left: number } = { code: 550, left: 0 };

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<FakeSmtpServer> {
    let fake: FakeSmtpServer | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(fake!.takeRejection());
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          fake!.messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), session));
          callback();
        });
      },
    });

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeSmtpServer(server);
    return fake;
  }

  get url(): string {
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  /** The next `count` recipients are refused with SMTP reply `code` (e.g. 550, 451). */
  rejectNext(count: number, code: number): void {
    this.rejections = { code, left: count };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeRejection(): Error | null {
    if (this.rejections.left <= 0) return null;

    this.rejections.left -= 1;
    const err = new Error('Fake refusal') as Error & { responseCode: number };
    err.responseCode = this.rejections.code;
    return err;
  }
}

/** Enough MIME for a single-part text message as nodemailer writes it. */
function parseMail(
  raw: string,
  session: { envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] } },
): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);

  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }

  return {
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
    subject: decodeWords(headers.get('subject') ?? ''),
    text: decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit'),
    messageId: headers.get('message-id') ?? '',
    raw,
  };
}

function decodeBody(body: string, encoding: string): string {
  const lower = encoding.toLowerCase();
  if (lower === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (lower === 'quoted-printable') return decodeQuotedPrintable(body).trim();
  return body.trim();
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];

  for (let i = 0; i < joined.length; i += 1) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words; adjacent ones join without the space between. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset, kind: string, text: string) => {
      if (kind.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      return decodeQuotedPrintable(text.replace(/_/g, ' '));
    });
}
