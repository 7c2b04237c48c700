/**
 * `text.replace(/\s+/g, ' ')`, shared and cached: several rules collapse the white space of the same
 * paragraphs and sentences, often more than once each.
 */

import { memoByKey } from './memo.js';

/** The text with every run of white space replaced by one space (what `replace(/\s+/g, ' ')` gives). */
export const squash: (text: string) => string = memoByKey((text) => text.replace(/\s+/g, ' '), 20_000);
