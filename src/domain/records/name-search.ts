/**
 * Search keys for people's names (issue 5: search by name, Cyrillic, case-
 * and й/и-insensitive). Operators type "сергеи" for "Сергей" and "семен"
 * for "Семён"; the key folds those differences and keeps the Kazakh letters
 * (ә, ғ, қ, ң, ө, ұ, ү, һ, і) as they are, since they tell names apart.
 */

const CYRILLIC = /[\u0400-\u04FF]/;

/**
 * Latin letters that look like Cyrillic ones once lower-cased, a common
 * typing slip in a Cyrillic name ("Иванoв" with a Latin o, "ТOO" with
 * Latin capitals). Replaced only inside a word that also has Cyrillic
 * letters, so a Latin-script name stays Latin.
 */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  i: 'і',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};

/** Double-barrelled names ("Ахмет-Оглы") are searchable by either part. */
const WORD_SEPARATOR = /[ -]+/;

/** The key of a name or a query: lower case, folded, single spaces. */
export function nameSearchKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map(foldWord)
    .join(' ');
}

/** The key stored on a person: surname, name and patronymic in that order. */
export function personSearchKey(person: {
  surname: string;
  name: string;
  patronymic?: string;
}): string {
  return nameSearchKey([person.surname, person.name, person.patronymic ?? ''].join(' '));
}

/** The words of a key or query, for a store that indexes words or builds prefix queries. */
export function nameSearchWords(text: string): string[] {
  return nameSearchKey(text)
    .split(WORD_SEPARATOR)
    .filter((word) => word.length > 0);
}

/**
 * Whether a stored key matches an operator's query: every query word must
 * start some word of the key, in any order, so "иван ахмет" finds
 * "ахметов иван серикович".
 */
export function matchesNameQuery(searchKey: string, query: string): boolean {
  const queryWords = nameSearchWords(query);
  if (queryWords.length === 0) return false;

  const keyWords = searchKey.split(WORD_SEPARATOR);
  return queryWords.every((queryWord) => keyWords.some((word) => word.startsWith(queryWord)));
}

function foldWord(word: string): string {
  const cyrillicWord = CYRILLIC.test(word) ? replaceLookalikes(word) : word;
  return cyrillicWord.replace(/й/g, 'и').replace(/ё/g, 'е');
}

function replaceLookalikes(word: string): string {
  return [...word].map((letter) => LATIN_LOOKALIKES[letter] ?? letter).join('');
}
