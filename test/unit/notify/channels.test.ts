import { expect } from 'chai';

import { noticeLanguage, recipientsOf } from '../../../src/notify/channels';
import type { Contact } from '../../../src/store/request-model';

describe('recipientsOf', () => {
  const contact: Contact = {
    name: null,
    phone: '+77012345678',
    iin: null,
    email: null,
    language: null,
    telegramChatId: null,
    chatbotSessionId: null,
  };

  it('answers a Telegram request in its chat', () => {
    const to = recipientsOf({ channel: 'telegram', contact: { ...contact, telegramChatId: 42 } });

    expect(to).to.deep.equal([{ channel: 'telegram', to: '42' }]);
  });

  it('answers a chat-bot request in its session', () => {
    const session = { ...contact, chatbotSessionId: 's-1' };
    const to = recipientsOf({ channel: 'chatbot', contact: session });

    expect(to).to.deep.equal([{ channel: 'chatbot', to: 's-1' }]);
  });

  for (const channel of ['voice', 'whatsapp']) {
    it(`sends an SMS for a ${channel} request, which has no reply channel`, () => {
      expect(recipientsOf({ channel, contact })).to.deep.equal([
        { channel: 'sms', to: '+77012345678' },
      ]);
    });
  }

  it('sends an SMS when the reply channel lacks its address', () => {
    expect(recipientsOf({ channel: 'chatbot', contact })).to.deep.equal([
      { channel: 'sms', to: '+77012345678' },
    ]);
  });

  it('adds e-mail when the participant gave an address', () => {
    const to = recipientsOf({
      channel: 'telegram',
      contact: { ...contact, telegramChatId: 42, email: 'a@example.kz' },
    });

    expect(to.map((r) => r.channel)).to.deep.equal(['telegram', 'email']);
  });

  it('finds no one without a reply channel, a phone or an address', () => {
    expect(recipientsOf({ channel: 'voice', contact: { ...contact, phone: null } })).to.deep.equal(
      [],
    );
  });
});

describe('noticeLanguage', () => {
  it('keeps Kazakh, Russian and English', () => {
    const languages = ['kk', 'ru', 'en'] as const;

    expect(languages.map((language) => noticeLanguage({ language }))).to.deep.equal(languages);
  });

  it('falls back to Russian when the language is unknown', () => {
    expect(noticeLanguage({ language: null })).to.equal('ru');
  });
});
