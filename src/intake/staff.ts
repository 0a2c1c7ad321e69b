import crypto from 'node:crypto';
import { z } from 'zod';

import { CHANNELS, isChannel } from '../domain/workflow/statuses';
import {
  LANGUAGES,
  emailField,
  iinField,
  instantField,
  mobileField,
  parseBody,
  requiredText,
} from './fields';
import type { InboundMessage } from './receive-message';

/**
 * A request entered by an operator taking a call, or sent by a trusted
 * integration through the staff API.
 */

const channelField = z.string().superRefine((value, ctx) => {
  if (isChannel(value)) return;
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message: `unknown channel; expected one of ${CHANNELS.join(', ')}`,
    params: { code: 'CHANNEL_UNKNOWN' },
  });
});

const staffRequestSchema = z
  .object({
    channel: channelField,
    receivedAt: instantField.optional(),
    contact: z
      .object({
        name: requiredText(300),
        phone: mobileField,
        iin: iinField.optional(),
        email: emailField.optional(),
        language: z.enum(LANGUAGES).optional(),
      })
      .strict(),
    description: requiredText(4000),
    externalId: requiredText(200).optional(),
  })
  .strict();

export interface StaffIntake {
  inbound: InboundMessage;
  receivedAt: Date | null;
}

export function parseStaffRequest(body: unknown, actor: string): StaffIntake {
  const input = parseBody(staffRequestSchema, body);
  const channel = input.channel as InboundMessage['channel'];

  // With an externalId a retried POST finds the first request; without one
  // every POST is a request of its own.
  const key = input.externalId ?? crypto.randomUUID();

  return {
    receivedAt: input.receivedAt ?? null,
    inbound: {
      channel,
      messageKey: `api:${channel}:${key}`,
      threadKey: null,
      sentAt: input.receivedAt ?? null,
      text: input.description,
      description: input.description,
      attachments: [],
      contact: {
        name: input.contact.name,
        phone: input.contact.phone,
        iin: input.contact.iin ?? null,
        email: input.contact.email ?? null,
        language: input.contact.language ?? null,
      },
      externalId: input.externalId ?? null,
      actor,
    },
  };
}
