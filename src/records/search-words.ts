import { nameSearchKey, nameSearchWords } from '../domain/records';

/**
 * Quotes and punctuation around organisation names («Шипагер», "Шипагер",
 * ТОО.) belong to no word, so they are dropped before the words are cut.
 */
const PUNCTUATION = /[^\p{L}\p{N}\s-]+/gu;

export function organisationWords(text: string): string[] {
  return nameSearchWords(text.replace(PUNCTUATION, ' '));
}

export function organisationKey(text: string): string {
  return nameSearchKey(text.replace(PUNCTUATION, ' '));
}

/** A regular expression matching words that start with `word`, for a prefix query. */
export function wordPrefixPattern(word: string): string {
  return `^${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
}

/** Every word must start one of the record's words (issue 5: name search). */
export function wordsFilter(words: readonly string[]) {
  return { $and: words.map((word) => ({ searchWords: { $regex: wordPrefixPattern(word) } })) };
}
