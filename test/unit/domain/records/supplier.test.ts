import { expect } from 'chai';

import {
  supplierIdentifier,
  validateSupplier,
  type FieldIssue,
  type Supplier,
  type ValidationResult,
} from '../../../../src/domain/records';
import { AIGUL_IIN, CLINIC_BIN, SERIK_IIN, legalEntityInput } from './record-fixtures';

function errorsOf<T>(result: ValidationResult<T>): Array<Pick<FieldIssue, 'field' | 'code'>> {
  if (result.ok) throw new Error('expected the record to be rejected');
  return result.errors.map(({ field, code }) => ({ field, code }));
}

function valueOf(result: ValidationResult<Supplier>): Supplier {
  if (!result.ok) throw new Error(`expected acceptance: ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('validateSupplier', () => {
  describe('when the supplier is a legal entity', () => {
    it('accepts the record as given', () => {
      expect(validateSupplier(legalEntityInput())).to.deep.equal({
        ok: true,
        value: legalEntityInput(),
        warnings: [],
      });
    });

    it('stores OKED codes as five digits, once each, keeping leading zeros', () => {
      const input = legalEntityInput({ oked: ['87.30.0', '01110', '87300', ' 86.10.0 '] });

      expect(valueOf(validateSupplier(input))).to.include.deep.property('oked', [
        '87300',
        '01110',
        '86100',
      ]);
    });

    it('defaults founders to none and leaves premises out', () => {
      const input = legalEntityInput({ founders: undefined, premises: null });
      const value = valueOf(validateSupplier(input));

      expect(value).to.include.deep.property('founders', []);
      expect(Object.keys(value)).to.not.include('premises');
    });

    it('needs at least one OKED code', () => {
      expect(errorsOf(validateSupplier(legalEntityInput({ oked: [] })))).to.deep.equal([
        { field: 'oked', code: 'TOO_SHORT' },
      ]);
    });

    it('rejects a malformed OKED code, naming its position', () => {
      const input = legalEntityInput({ oked: ['86100', '8730'] });

      expect(errorsOf(validateSupplier(input))).to.deep.equal([
        { field: 'oked.1', code: 'OKED_FORMAT' },
      ]);
    });

    it('rejects an OKED code given as a number', () => {
      expect(errorsOf(validateSupplier(legalEntityInput({ oked: [86100] })))).to.deep.equal([
        { field: 'oked.0', code: 'INVALID_TYPE' },
      ]);
    });

    it('rejects an IIN in place of the BIN and says why', () => {
      const input = legalEntityInput({ bin: undefined, iin: AIGUL_IIN });

      expect(errorsOf(validateSupplier(input))).to.deep.equal([
        { field: 'bin', code: 'REQUIRED' },
        { field: 'iin', code: 'SUPPLIER_IDENTIFIER_KIND' },
      ]);
    });

    it('rejects an IIN typed into the BIN field', () => {
      expect(errorsOf(validateSupplier(legalEntityInput({ bin: AIGUL_IIN })))).to.deep.equal([
        { field: 'bin', code: 'BIN_TYPE' },
      ]);
    });

    it('rejects a founder with a wrong IIN', () => {
      const founders = [{ fullName: 'Сериков Серик', iin: '900315300121', citizenship: 'KZ' }];

      expect(errorsOf(validateSupplier(legalEntityInput({ founders })))).to.deep.equal([
        { field: 'founders.0.iin', code: 'IIN_CHECKSUM' },
      ]);
    });

    it('rejects premises that are neither owned nor leased', () => {
      const premises = { kind: 'rent', registration: 'KZ-1' };

      expect(errorsOf(validateSupplier(legalEntityInput({ premises })))).to.deep.equal([
        { field: 'premises.kind', code: 'INVALID_VALUE' },
      ]);
    });
  });

  describe('when the supplier is an individual entrepreneur', () => {
    const entrepreneur = {
      kind: 'entrepreneur',
      iin: SERIK_IIN,
      fullName: 'Сериков Серик Серикович',
      entrepreneurRegistration: 'KZ12UWQ00012345',
    };

    it('accepts the record with no OKED codes', () => {
      expect(valueOf(validateSupplier(entrepreneur))).to.deep.equal({ ...entrepreneur, oked: [] });
    });

    it('needs the entrepreneur registration', () => {
      const input = { ...entrepreneur, entrepreneurRegistration: '' };

      expect(errorsOf(validateSupplier(input))).to.deep.equal([
        { field: 'entrepreneurRegistration', code: 'REQUIRED' },
      ]);
    });

    it('rejects a BIN and says why', () => {
      const input = { ...entrepreneur, bin: CLINIC_BIN };

      expect(errorsOf(validateSupplier(input))).to.deep.equal([
        { field: 'bin', code: 'SUPPLIER_IDENTIFIER_KIND' },
      ]);
    });

    it('rejects fields that belong to legal entities', () => {
      const input = { ...entrepreneur, shortName: 'ИП Сериков' };

      expect(errorsOf(validateSupplier(input))).to.deep.equal([
        { field: 'shortName', code: 'UNKNOWN_FIELD' },
      ]);
    });
  });

  describe('when the supplier is a personal assistant', () => {
    const assistant = { kind: 'personal-assistant', iin: AIGUL_IIN, fullName: 'Ахметова Айгуль' };

    it('records the dispensary check as unconfirmed when the gateway sent none', () => {
      expect(valueOf(validateSupplier(assistant))).to.deep.equal({
        ...assistant,
        noMentalHealthRegistration: false,
        oked: [],
      });
    });

    it('keeps a confirmed dispensary check', () => {
      const value = valueOf(validateSupplier({ ...assistant, noMentalHealthRegistration: true }));

      expect(value).to.include({ noMentalHealthRegistration: true });
    });

    it('rejects a dispensary check written as text', () => {
      const input = { ...assistant, noMentalHealthRegistration: 'true' };

      expect(errorsOf(validateSupplier(input))).to.deep.equal([
        { field: 'noMentalHealthRegistration', code: 'INVALID_TYPE' },
      ]);
    });
  });

  it('rejects an unknown or missing kind', () => {
    expect(errorsOf(validateSupplier({ ...legalEntityInput(), kind: 'ngo' }))).to.deep.equal([
      { field: 'kind', code: 'INVALID_VALUE' },
    ]);
    expect(errorsOf(validateSupplier({ fullName: 'x' }))).to.deep.equal([
      { field: 'kind', code: 'INVALID_VALUE' },
    ]);
  });

  it('rejects query operators in place of text', () => {
    const input = legalEntityInput({ fullName: { $regex: '.*' } });

    expect(errorsOf(validateSupplier(input))).to.deep.equal([
      { field: 'fullName', code: 'INVALID_TYPE' },
    ]);
  });
});

describe('supplierIdentifier', () => {
  it('is the BIN of a legal entity and the IIN of the others', () => {
    const legalEntity = valueOf(validateSupplier(legalEntityInput()));
    const assistant = valueOf(
      validateSupplier({ kind: 'personal-assistant', iin: AIGUL_IIN, fullName: 'Ахметова' }),
    );

    expect([supplierIdentifier(legalEntity), supplierIdentifier(assistant)]).to.deep.equal([
      CLINIC_BIN,
      AIGUL_IIN,
    ]);
  });
});
