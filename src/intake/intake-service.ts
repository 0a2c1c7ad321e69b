import type { Config } from '../config';
import type { CalendarService } from '../desk/calendar-service';
import type { ClockService } from '../desk/clock-service';
import type { Logger } from '../logger';
import type { EventPublisher } from '../queue/event-bus';
import type { ReleaseQueue } from '../queue/release-queue';
import type { Models } from '../store';
import type { Locks } from '../store/locks';
import type { SequenceBlocks } from '../store/sequence-blocks';
import { receiveMessage, type InboundMessage, type IntakeResult } from './receive-message';

/**
 * The one entry point for a message from any channel: store it (MongoDB is
 * the record), then arm the release of an off-hours request or the clock of
 * one taken up now, and tell the screens. Arming is best effort here: when
 * Redis is away the worker's reconciler arms it from MongoDB later, so
 * nothing accepted is lost.
 */
export interface IntakeServiceDeps {
  config: Pick<Config, 'zone' | 'slaPolicy'>;
  models: Pick<Models, 'requests' | 'threads' | 'participants'>;
  leases: Locks;
  requestNumbers: Pick<SequenceBlocks, 'next'>;
  calendars: CalendarService;
  clocks: Pick<ClockService, 'arm'>;
  releases: Pick<ReleaseQueue, 'schedule'>;
  events: EventPublisher;
  logger: Logger;
  now: () => Date;
}

export class IntakeService {
  constructor(private readonly deps: IntakeServiceDeps) {}

  async receive(inbound: InboundMessage): Promise<IntakeResult> {
    const { config, models, calendars } = this.deps;
    const now = this.deps.now();

    const contactCenter = await calendars.contactCenter();
    const registration = await calendars.timing('registration');

    const result = await receiveMessage(
      {
        models,
        leases: this.deps.leases,
        requestNumbers: this.deps.requestNumbers,
        zone: config.zone,
        contactCenter,
        registration,
        now,
      },
      inbound,
    );

    if (result.outcome === 'created') await this.afterCreate(result, now);
    if (result.outcome === 'appended') await this.announce('request.message', result);
    return result;
  }

  private async afterCreate(result: IntakeResult, now: Date): Promise<void> {
    const { request } = result;

    // A queued request's clock starts at the opening, and its timers are
    // armed when the worker releases it; until then one timer waits, not four.
    const arming =
      request.status === 'queued'
        ? this.armRelease(request, now)
        : this.deps.clocks.arm(String(request._id), 'registration', request.clocks.registration);

    await Promise.all([arming, this.announce('request.created', result)]);
  }

  private async armRelease(request: IntakeResult['request'], now: Date): Promise<void> {
    const opensAt = request.clocks.registration.startedAt;

    try {
      await this.deps.releases.schedule(String(request._id), opensAt, now);
    } catch (err) {
      this.deps.logger.warn(
        { err, requestNumber: request.number },
        'release not armed now; the reconciler will arm it from MongoDB',
      );
    }
  }

  private async announce(type: 'request.created' | 'request.message', result: IntakeResult) {
    const { request } = result;

    this.deps.logger.info(
      { requestNumber: request.number, channel: request.channel, status: request.status, type },
      type === 'request.created' ? 'request received' : 'message added to request',
    );
    await this.deps.events.publish({
      type,
      at: this.deps.now().toISOString(),
      requestId: String(request._id),
      data: { number: request.number, status: request.status, channel: request.channel },
    });
  }
}
