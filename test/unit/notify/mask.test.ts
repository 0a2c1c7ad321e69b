import { expect } from 'chai';

import { maskRecipient } from '../../../src/notify/mask';

describe('maskRecipient', () => {
  it('masks a phone as the logger does', () => {
    expect(maskRecipient('sms', '+77012345678')).to.equal('+7701*****78');
  });

  it('keeps the first letter and the domain of an address', () => {
    expect(maskRecipient('email', 'aigul@example.kz')).to.equal('a***@example.kz');
  });

  it('keeps the ends of a chat or session id', () => {
    expect(maskRecipient('telegram', '5550001')).to.equal('55***01');
    expect(maskRecipient('chatbot', 'abc')).to.equal('****');
  });
});
