import { expect } from 'chai';

import { validateParticipant, type Participant } from '../../../src/domain/records';
import { planCorrection, planGatewayParticipant } from '../../../src/records/participant-merge';
import type { RecordPlan } from '../../../src/records/record-plan';
import type { ParticipantDoc } from '../../../src/store/participant-model';
import { participantInput, type Input } from '../../support/records';

const CREATED = { at: new Date('2026-12-01T05:00:00Z'), source: 'gateway' as const, actor: 'gw' };
const LATER = { at: new Date('2026-12-02T05:00:00Z'), source: 'gateway' as const, actor: 'gw' };
const SELF = { at: new Date('2026-12-01T09:00:00Z'), source: 'participant' as const, actor: 'op' };

function gatewayRow(overrides: Input = {}): Participant {
  const result = validateParticipant(participantInput(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

function docOf(plan: RecordPlan<ParticipantDoc>): ParticipantDoc {
  return plan.doc;
}

describe('participant-merge', () => {
  const created = docOf(planGatewayParticipant(null, gatewayRow(), CREATED, () => 'r'.repeat(32)));

  it('creates with the gateway as the source of both contact fields', () => {
    expect(created).to.deep.include({
      phone: '+77012345678',
      email: null,
      gatewayContact: { phone: '+77012345678', email: null },
      contactSource: { phone: 'gateway', email: 'gateway' },
      searchKey: 'ахметова аигуль сериковна',
    });
    expect(created.history).to.deep.equal([{ ...CREATED, action: 'create', changes: [] }]);
  });

  it('plans nothing for the same gateway row, even in another key order', () => {
    const reordered = Object.fromEntries(Object.entries(gatewayRow()).reverse()) as Participant;
    expect(planGatewayParticipant(created, reordered, LATER, () => 'x').kind).to.equal(
      'unchanged',
    );
  });

  describe('when the participant corrected the phone', () => {
    const corrected = docOf(planCorrection(created, { phone: '+77771112233' }, SELF));
    const resend = (overrides: Input) =>
      planGatewayParticipant(corrected, gatewayRow(overrides), LATER, String);

    it('keeps the correction while the gateway sends the number it sent before', () => {
      const plan = resend({ address: 'Косшы' });

      expect(plan.kind).to.equal('update');
      expect(plan.doc.phone).to.equal('+77771112233');
      expect(plan.kind === 'update' && plan.change?.changes.map((c) => c.field)).to.deep.equal([
        'address',
      ]);
    });

    it('takes a changed number from the gateway, which knows something newer', () => {
      const plan = resend({ phone: '87051234567' });

      expect(plan.doc.phone).to.equal('+77051234567');
      expect(plan.doc.contactSource.phone).to.equal('gateway');
    });

    it('adopts the gateway catching up with the correction without a history entry', () => {
      const plan = resend({ phone: '87771112233' });

      expect(plan.kind).to.equal('update');
      expect(plan.kind === 'update' && plan.change).to.equal(null);
      expect(plan.doc.gatewayContact.phone).to.equal('+77771112233');
    });
  });

  it('plans nothing for a correction to the value already held', () => {
    expect(planCorrection(created, { phone: '+77012345678' }, SELF).kind).to.equal('unchanged');
  });
});
