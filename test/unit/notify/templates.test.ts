import path from 'node:path';
import { expect } from 'chai';

import { findRootDir } from '../../../src/config';
import { NOTICE_KINDS, NOTICE_LANGUAGES } from '../../../src/store/notice-model';
import {
  formatNoticeInstant,
  NoticeTemplates,
  TemplateError,
} from '../../../src/notify/templates';

describe('NoticeTemplates', () => {
  const templates = new NoticeTemplates(
    path.join(findRootDir(), 'views', 'notices'),
    'Asia/Almaty',
  );
  const complete = {
    requestNumber: '2026-000042',
    explanation: 'Портал работал штатно',
    plannedFixAt: '08.12.2026 14:30',
  };

  for (const kind of NOTICE_KINDS) {
    for (const language of NOTICE_LANGUAGES) {
      it(`renders the ${kind} notice in ${language} with the request number`, () => {
        const rendered = templates.render(kind, language, complete);

        expect(rendered.text).to.contain('2026-000042');
        expect(rendered.text).not.to.match(/\{\{|\n\n|^\s|\s$/);
        expect(rendered.subject).to.contain('2026-000042');
      });
    }
  }

  it('writes the confirmation in Kazakh with the planned date and time', () => {
    const { text } = templates.render('confirmation', 'kk', complete);

    expect(text).to.equal(
      'Әлеуметтік қызметтер порталы: № 2026-000042 өтінішіңіз бойынша портал әкімшісі ' +
        'техникалық іркілісті растады.\n' +
        'Іркілісті жоюдың жоспарлы күні мен уақыты: 08.12.2026 14:30 (Астана уақыты).',
    );
  });

  it('shows a Date as dd.MM.yyyy HH:mm Astana time, either side of the 2024 zone change', () => {
    const after = templates.render('confirmation', 'ru', {
      ...complete,
      plannedFixAt: new Date('2026-12-08T09:30:00Z'),
    });

    expect(after.text).to.contain('08.12.2026 14:30');
    expect(formatNoticeInstant(new Date('2024-02-01T09:30:00Z'), 'Asia/Almaty')).to.equal(
      '01.02.2024 15:30',
    );
  });

  it('keeps the text as written, without HTML escaping', () => {
    const { text } = templates.render('refutation', 'ru', {
      ...complete,
      explanation: 'Очистите кеш & cookies <браузера>',
    });

    expect(text).to.contain('Подтверждающая информация: Очистите кеш & cookies <браузера>');
  });

  it('adds the findings to "no failure found" only when given', () => {
    const without = templates.render('no-failure', 'ru', complete);
    const withFindings = templates.render('no-failure', 'ru', {
      ...complete,
      findings: 'Ошибка воспроизводится только в устаревшем браузере.',
    });

    expect(withFindings.text.split('\n')).to.have.length(without.text.split('\n').length + 1);
  });

  it('refuses a confirmation without its planned date', () => {
    expect(() => templates.render('confirmation', 'kk', { requestNumber: '1' }))
      .to.throw(TemplateError, 'plannedFixAt')
      .with.property('code', 'TEMPLATE_FIELD_MISSING');
  });
});
