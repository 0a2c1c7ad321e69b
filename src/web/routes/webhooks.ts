import express, { Router, type Request } from 'express';

import { AppError } from '../../errors';
import { parseChatbotMessage, verifyChatbotSignature } from '../../intake/chatbot';
import { parseTelegramUpdate } from '../../intake/telegram';
import { sameSecret } from '../auth';
import type { WebDeps } from '../deps';

/**
 * Channels deliver here. The body is taken raw and authenticated before it
 * is parsed (the chat-bot signs the exact bytes): a wrong secret stores
 * nothing. A message the desk already has answers 200 again, so a channel's
 * redelivery is harmless.
 */
function requireSecret(configured: string | null, what: string): string {
  if (!configured) {
    throw new AppError(503, 'WEBHOOK_NOT_CONFIGURED', `The ${what} webhook has no secret set`);
  }
  return configured;
}

function rawBodyOf(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

function jsonOf(req: Request): unknown {
  try {
    return JSON.parse(rawBodyOf(req).toString('utf8'));
  } catch {
    throw new AppError(400, 'INVALID_JSON', 'The request body is not valid JSON');
  }
}

export function webhookRoutes(deps: WebDeps): Router {
  const router = Router();
  router.use(express.raw({ type: () => true, limit: deps.config.bodyLimit }));

  router.post('/telegram', async (req, res) => {
    const secret = requireSecret(deps.config.telegramWebhookSecret, 'Telegram');
    const given = req.get('x-telegram-bot-api-secret-token');
    if (!given || !sameSecret(given, secret)) {
      throw new AppError(401, 'WEBHOOK_SECRET_INVALID', 'The webhook secret token is wrong');
    }

    const intake = parseTelegramUpdate(jsonOf(req));
    if (intake.kind === 'ignored') {
      res.json({ ok: true, outcome: 'ignored', reason: intake.reason });
      return;
    }

    const result = await deps.intake.receive(intake.inbound);
    res.json({ ok: true, outcome: result.outcome, number: result.request.number });
  });

  router.post('/chatbot', async (req, res) => {
    const secret = requireSecret(deps.config.chatbotWebhookSecret, 'chat-bot');
    if (!verifyChatbotSignature(rawBodyOf(req), req.get('x-signature'), secret)) {
      throw new AppError(401, 'WEBHOOK_SIGNATURE_INVALID', 'The X-Signature does not match');
    }

    const inbound = parseChatbotMessage(jsonOf(req));
    const result = await deps.intake.receive(inbound);

    res.json({ ok: true, outcome: result.outcome, number: result.request.number });
  });

  return router;
}
