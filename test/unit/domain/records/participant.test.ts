import { expect } from 'chai';

import {
  validateParticipant,
  validateParticipantCorrection,
  type FieldIssue,
  type ValidationResult,
} from '../../../../src/domain/records';
import { AIGUL_IIN, SERIK_IIN, participantInput } from './record-fixtures';

function errorsOf<T>(result: ValidationResult<T>): Array<Pick<FieldIssue, 'field' | 'code'>> {
  if (result.ok) throw new Error('expected the record to be rejected');
  return result.errors.map(({ field, code }) => ({ field, code }));
}

describe('validateParticipant', () => {
  it('accepts a full record and stores the phone as E.164', () => {
    expect(validateParticipant(participantInput())).to.deep.equal({
      ok: true,
      value: {
        iin: AIGUL_IIN,
        surname: 'Ахметова',
        name: 'Айгуль',
        patronymic: 'Сериковна',
        birthDate: '1985-04-12',
        sex: 'female',
        address: 'Астана, ул. Абая, 1',
        phone: '+77012345678',
        email: 'aigul@example.kz',
        document: {
          kind: 'id-card',
          number: '041234567',
          issuer: 'МВД РК',
          issuedOn: '2015-05-01',
          expiresOn: '2025-05-01',
        },
        category: 'disability',
        representatives: [],
        language: 'kk',
      },
      warnings: [],
    });
  });

  it('trims text and treats null, blank and missing optional fields alike', () => {
    const result = validateParticipant(
      participantInput({
        surname: '  Ахметова ',
        patronymic: null,
        address: '   ',
        email: undefined,
        representatives: null,
      }),
    );

    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.value.surname).to.equal('Ахметова');
    expect(Object.keys(result.value)).to.not.include.members(['patronymic', 'address', 'email']);
    expect(result.value.representatives).to.deep.equal([]);
  });

  it('gives the same value when its own output is validated again', () => {
    const first = validateParticipant(participantInput());
    if (!first.ok) throw new Error('fixture must be valid');

    expect(validateParticipant(first.value)).to.deep.equal(first);
  });

  describe('when the birth date or sex disagrees with the IIN', () => {
    it('accepts the record with a birth-date warning', () => {
      const result = validateParticipant(participantInput({ birthDate: '1985-04-21' }));
      const warnings = result.ok && result.warnings.map(({ field, code }) => ({ field, code }));

      expect(warnings).to.deep.equal([{ field: 'birthDate', code: 'IIN_BIRTH_DATE_MISMATCH' }]);
    });

    it('accepts the record with a sex warning', () => {
      const result = validateParticipant(participantInput({ sex: 'male' }));

      expect(result.ok && result.warnings.map((w) => w.code)).to.deep.equal(['IIN_SEX_MISMATCH']);
    });

    it('does not warn when the IIN encodes no date', () => {
      // 991399300018: month 13, check digit worked out in iin.test.ts.
      const result = validateParticipant(
        participantInput({ iin: '991399300018', birthDate: '1999-12-31', sex: 'male' }),
      );

      expect(result).to.include({ ok: true }).and.to.have.property('warnings').that.is.empty;
    });
  });

  it('rejects a wrong IIN check digit on the iin field', () => {
    expect(errorsOf(validateParticipant(participantInput({ iin: '850412400122' })))).to.deep.equal(
      [{ field: 'iin', code: 'IIN_CHECKSUM' }],
    );
  });

  it('rejects a landline as the mobile number', () => {
    const result = validateParticipant(participantInput({ phone: '+7 7172 12 34 56' }));

    expect(errorsOf(result)).to.deep.equal([{ field: 'phone', code: 'PHONE_NOT_MOBILE' }]);
  });

  it('rejects objects where strings belong, so no query operator passes', () => {
    const result = validateParticipant(
      participantInput({ iin: { $gt: '' }, surname: { $ne: null }, $where: 'sleep(1000)' }),
    );

    expect(errorsOf(result)).to.deep.equal([
      { field: 'iin', code: 'INVALID_TYPE' },
      { field: 'surname', code: 'INVALID_TYPE' },
      { field: '$where', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('rejects unknown nested fields', () => {
    const document = { ...(participantInput().document as object), $set: { iin: '1' } };

    expect(errorsOf(validateParticipant(participantInput({ document })))).to.deep.equal([
      { field: 'document.$set', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('lists every missing required field', () => {
    expect(errorsOf(validateParticipant({ iin: AIGUL_IIN }))).to.deep.equal([
      { field: 'surname', code: 'REQUIRED' },
      { field: 'name', code: 'REQUIRED' },
      { field: 'birthDate', code: 'REQUIRED' },
      { field: 'sex', code: 'REQUIRED' },
      { field: 'phone', code: 'REQUIRED' },
      { field: 'document', code: 'REQUIRED' },
      { field: 'category', code: 'REQUIRED' },
      { field: 'language', code: 'REQUIRED' },
    ]);
  });

  it('rejects an empty surname, an unknown category and an unknown language', () => {
    const result = validateParticipant(
      participantInput({ surname: '  ', category: 'veteran', language: 'de' }),
    );

    expect(errorsOf(result)).to.deep.equal([
      { field: 'surname', code: 'REQUIRED' },
      { field: 'category', code: 'INVALID_VALUE' },
      { field: 'language', code: 'INVALID_VALUE' },
    ]);
  });

  it('rejects a date that does not exist and a malformed e-mail', () => {
    const result = validateParticipant(
      participantInput({ birthDate: '1985-02-30', email: 'aigul-at-example' }),
    );

    expect(errorsOf(result)).to.deep.equal([
      { field: 'birthDate', code: 'INVALID_DATE' },
      { field: 'email', code: 'INVALID_FORMAT' },
    ]);
  });

  it('accepts a document without an expiry date', () => {
    const document = { ...(participantInput().document as object), expiresOn: null };
    const result = validateParticipant(participantInput({ document }));

    expect(result.ok).to.equal(true);
    expect(result.ok && Object.keys(result.value.document)).to.deep.equal([
      'kind',
      'number',
      'issuer',
      'issuedOn',
    ]);
  });

  it('rejects a document that expires before it was issued', () => {
    const document = { ...(participantInput().document as object), expiresOn: '2015-04-30' };

    expect(errorsOf(validateParticipant(participantInput({ document })))).to.deep.equal([
      { field: 'document.expiresOn', code: 'DOCUMENT_DATES' },
    ]);
  });

  it('rejects a record that is not an object', () => {
    expect(errorsOf(validateParticipant('850412400121'))).to.deep.equal([
      { field: 'record', code: 'INVALID_TYPE' },
    ]);
  });

  describe('representatives', () => {
    const guardian = {
      iin: SERIK_IIN,
      surname: 'Ахметов',
      name: 'Серик',
      kind: 'guardian',
      phone: '+7 (777) 123-45-67',
    };

    it('accepts a guardian and stores the phone as E.164', () => {
      const result = validateParticipant(participantInput({ representatives: [guardian] }));

      expect(result.ok && result.value.representatives).to.deep.equal([
        {
          iin: SERIK_IIN,
          surname: 'Ахметов',
          name: 'Серик',
          kind: 'guardian',
          phone: '+77771234567',
        },
      ]);
    });

    it('rejects a representative with a wrong IIN, naming its position', () => {
      const representatives = [guardian, { ...guardian, iin: '900315300121', kind: 'trustee' }];

      expect(errorsOf(validateParticipant(participantInput({ representatives })))).to.deep.equal([
        { field: 'representatives.1.iin', code: 'IIN_CHECKSUM' },
      ]);
    });

    it('rejects the participant as their own representative', () => {
      const representatives = [{ ...guardian, iin: AIGUL_IIN }];

      expect(errorsOf(validateParticipant(participantInput({ representatives })))).to.deep.equal([
        { field: 'representatives.0.iin', code: 'REPRESENTATIVE_IS_PARTICIPANT' },
      ]);
    });

    it('rejects a kind other than guardian or trustee', () => {
      const representatives = [{ ...guardian, kind: 'parent' }];

      expect(errorsOf(validateParticipant(participantInput({ representatives })))).to.deep.equal([
        { field: 'representatives.0.kind', code: 'INVALID_VALUE' },
      ]);
    });
  });
});

describe('validateParticipantCorrection', () => {
  it('accepts a new mobile number in any spelling', () => {
    expect(validateParticipantCorrection({ phone: '8 747 123 45 67' })).to.deep.equal({
      ok: true,
      value: { phone: '+77471234567' },
      warnings: [],
    });
  });

  it('accepts an e-mail alone', () => {
    expect(validateParticipantCorrection({ email: 'a@example.kz' })).to.include({ ok: true });
  });

  it('rejects a correction that changes nothing', () => {
    expect(errorsOf(validateParticipantCorrection({}))).to.deep.equal([
      { field: 'record', code: 'NOTHING_TO_CORRECT' },
    ]);
  });

  it('rejects fields the gateway owns', () => {
    expect(errorsOf(validateParticipantCorrection({ surname: 'Иванова' }))).to.deep.equal([
      { field: 'surname', code: 'UNKNOWN_FIELD' },
      { field: 'record', code: 'NOTHING_TO_CORRECT' },
    ]);
  });
});
