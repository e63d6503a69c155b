/** Text ↔ ids with the model's own tokenizer (`@huggingface/tokenizers`: canonical tokenization). */
import { Tokenizer } from "@huggingface/tokenizers";
import { GramfillError } from "../util/errors.js";

export class TextTokenizer {
  private readonly tok: Tokenizer;

  constructor(tokenizerJson: object, tokenizerConfig: object) {
    try {
      this.tok = new Tokenizer(tokenizerJson, tokenizerConfig);
    } catch (e) {
      throw new GramfillError("io", `cannot load tokenizer.json: ${(e as Error).message}`);
    }
  }

  /** ids of `text`, without special tokens added */
  encode(text: string): number[] {
    if (text === "") return [];
    return this.tok.encode(text, { add_special_tokens: false }).ids;
  }

  decode(ids: number[]): string {
    return this.tok.decode(ids, { skip_special_tokens: false });
  }

  /** id of a token string (e.g. `<|mask|>`), or undefined */
  idOf(token: string): number | undefined {
    return this.tok.token_to_id(token);
  }
}
