/** Token vocabularies as exact byte strings, the byte trie over them, and token bitmasks. */
export { Vocabulary, TokenClass, TOKENIZER_NAMES, isTokenizerName, tokenizerPathOf, type TokenizerName, type VocabularyInit } from "./vocabulary.js";
export { TokenTrie, type ByteRecognizer, type TokenTrieStats } from "./token-trie.js";
export {
  readTokenizerJson,
  resolveTokenizerPath,
  byteLevelByte,
  byteLevelChar,
  type TokenizerData,
  type TokenizerJsonOptions,
  type VocabularyKind,
} from "./tokenizer-json.js";
export * from "./bitmask.js";
