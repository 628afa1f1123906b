// Which words of a search query get a one-typo alternative, with no DOM (search.js applies it).

const LONG_WORD = /\p{L}{5,}/gu;
// Presence (+word, -word), wildcards, edit distance, boosts, fields and escapes.
const LUNR_SYNTAX = /^[+-]|[*~^:\\]/;

// Adds `word~1` after every part of the query that holds a long word the index does not know.
// `isIndexed(word)` says whether an indexed word starts with `word` (Material searches each word
// as a prefix): such a word is found as typed.
export function tolerateTypos(query, isIndexed = () => false) {
  const withAlternatives = (part) => {
    if (LUNR_SYNTAX.test(part)) return part;
    const misspelt = (part.toLowerCase().match(LONG_WORD) ?? []).filter((word) => !isIndexed(word));
    return [part, ...misspelt.map((word) => `${word}~1`)].join(" ");
  };
  // Text between quotes (odd pieces, including an unclosed phrase still being typed) is kept.
  return query
    .split('"')
    .map((piece, index) => (index % 2 ? piece : piece.replace(/\S+/g, withAlternatives)))
    .join('"');
}
