import { expect } from 'chai';

import {
  matchesNameQuery,
  nameSearchKey,
  nameSearchWords,
  personSearchKey,
} from '../../../../src/domain/records';

describe('nameSearchKey', () => {
  it('lower-cases Cyrillic', () => {
    expect(nameSearchKey('ИВАНОВ Иван')).to.equal('иванов иван');
  });

  it('folds й into и and ё into е', () => {
    expect(nameSearchKey('Сергей Семёнов')).to.equal('сергеи семенов');
  });

  it('folds a й or ё typed as a letter plus a combining mark', () => {
    expect(nameSearchKey('Сергеи\u0306 Семе\u0308нов')).to.equal('сергеи семенов');
  });

  it('keeps the Kazakh letters', () => {
    expect(nameSearchKey('ӘЛИЯ Қасымқызы Ғұмар Үңгір Өмір Һ')).to.equal(
      'әлия қасымқызы ғұмар үңгір өмір һ',
    );
  });

  it('collapses and trims whitespace', () => {
    expect(nameSearchKey('  Ахметов \t Серик\n ')).to.equal('ахметов серик');
  });

  it('replaces Latin look-alikes inside a Cyrillic word', () => {
    expect(nameSearchKey('Иванoв ТOO Бекi')).to.equal('иванов тоо бекі');
  });

  it('leaves a Latin-script name in Latin', () => {
    expect(nameSearchKey('Aigul KAIRATOVA')).to.equal('aigul kairatova');
  });
});

describe('personSearchKey', () => {
  it('joins surname, name and patronymic', () => {
    const key = personSearchKey({ surname: 'Ахметов', name: 'Серик', patronymic: 'Ерланович' });

    expect(key).to.equal('ахметов серик ерланович');
  });

  it('leaves no trailing space without a patronymic', () => {
    expect(personSearchKey({ surname: 'Ким', name: 'Алексей' })).to.equal('ким алексеи');
  });
});

describe('nameSearchWords', () => {
  it('splits double-barrelled names into their parts', () => {
    expect(nameSearchWords('Ахмет-Оглы Иван')).to.deep.equal(['ахмет', 'оглы', 'иван']);
  });
});

describe('matchesNameQuery', () => {
  const key = personSearchKey({ surname: 'Ахметов', name: 'Сергей', patronymic: 'Ерланович' });

  it('matches word beginnings in any order and case', () => {
    expect(matchesNameQuery(key, 'СЕРГ ахмет')).to.equal(true);
  });

  it('matches й and и alike', () => {
    expect(matchesNameQuery(key, 'сергеи')).to.equal(true);
    expect(matchesNameQuery(key, 'Сергей')).to.equal(true);
  });

  it('fails when any query word matches no name word', () => {
    expect(matchesNameQuery(key, 'ахметов петр')).to.equal(false);
  });

  it('does not match inside a word', () => {
    expect(matchesNameQuery(key, 'метов')).to.equal(false);
  });

  it('matches one part of a double-barrelled surname', () => {
    expect(matchesNameQuery(nameSearchKey('Ахмет-Оглы Иван'), 'оглы')).to.equal(true);
  });

  it('matches nothing for an empty query', () => {
    expect(matchesNameQuery(key, '   ')).to.equal(false);
  });
});
