import { expect } from 'chai';

import { toAppError } from '../../../src/web/error-handler';

describe('toAppError', () => {
  function named(name: string): Error {
    const err = new Error('connect ECONNREFUSED 127.0.0.1:27117');
    err.name = name;
    return err;
  }

  it('answers 503 with a retry hint when the database cannot be reached', () => {
    for (const name of [
      'MongoServerSelectionError',
      'MongooseServerSelectionError',
      'MongoNetworkError',
    ]) {
      const mapped = toAppError(named(name));

      expect(mapped?.status, name).to.equal(503);
      expect(mapped?.code).to.equal('STORE_UNAVAILABLE');
      expect(mapped?.details).to.deep.equal({ retryAfterSeconds: 5 });
    }
  });

  it('answers 503 when a socket to a service closes under the request', () => {
    const err = Object.assign(new Error('This socket has been ended by the other party'), {
      code: 'EPIPE',
    });

    const mapped = toAppError(err);

    expect(mapped?.status).to.equal(503);
    expect(mapped?.code).to.equal('SERVICE_UNAVAILABLE');
  });

  it('answers 503 when the database is shutting down under the request', () => {
    const mongo = Object.assign(named('MongoServerError'), { code: 11600 });
    const ferret = Object.assign(named('MongoServerError'), { code: 1 });
    ferret.message = '[msg_insert.go:168 handler.(*Handler).MsgInsert] context canceled';

    expect(toAppError(mongo)?.status).to.equal(503);
    expect(toAppError(ferret)?.status).to.equal(503);
  });

  it('leaves other driver errors to the 500 path', () => {
    expect(toAppError(named('MongoServerError'))).to.equal(null);
  });

  it('keeps the 4xx that express sets on a malformed path', () => {
    const err = Object.assign(new URIError('URI malformed'), { status: 400 });

    expect(toAppError(err)?.status).to.equal(400);
  });
});
