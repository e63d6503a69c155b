/**
 * A masked-diffusion language model (LLaDA / Dream style) from an ONNX export: `input_ids`
 * (+ `attention_mask` when the graph has it) → logits for every position. `mask_token_id` and
 * `logits_shifted` come from `config.json`; with `logits_shifted` (Dream) row i−1 predicts
 * position i, and `predictionRow` hides the difference.
 */
import type * as ort from "onnxruntime-node";
import { GramfillError } from "../util/errors.js";
import type { Logits } from "./causal-lm.js";
import { eosIdsOf, readModelFolder, type ModelFolder } from "./folder.js";
import { configNumber, floatData, inputInfos, intTensor, openSession, type InputInfo } from "./onnx.js";
import { TextTokenizer } from "./tokenizer.js";

export class MaskedDiffusionLM {
  readonly folder: ModelFolder;
  readonly tokenizer: TextTokenizer;
  readonly eosIds: number[];
  readonly maskTokenId: number;
  readonly logitsShifted: boolean;
  readonly maxContext: number | undefined;
  private readonly session: ort.InferenceSession;
  private readonly inputs: Map<string, InputInfo>;

  private constructor(folder: ModelFolder, session: ort.InferenceSession) {
    this.folder = folder;
    this.session = session;
    this.tokenizer = new TextTokenizer(folder.tokenizerJson, folder.tokenizerConfig);
    this.eosIds = eosIdsOf(folder);
    this.inputs = inputInfos(session);
    const names = [...this.inputs.keys()];
    if (!this.inputs.has("input_ids")) throw new GramfillError("io", `${folder.onnxPath}: the ONNX graph has no input 'input_ids' (inputs: ${names.join(", ")})`);
    const extra = names.filter((n) => n !== "input_ids" && n !== "attention_mask");
    if (extra.length > 0) throw new GramfillError("io", `${folder.onnxPath}: a masked-diffusion graph takes input_ids and attention_mask only; it also has ${extra.join(", ")}`);
    if (!session.outputNames.includes("logits")) throw new GramfillError("io", `${folder.onnxPath}: the ONNX graph has no output 'logits' (outputs: ${session.outputNames.join(", ")})`);
    const mask = configNumber(folder.config, "mask_token_id");
    const fromTok = this.tokenizer.idOf(String(folder.tokenizerConfig.mask_token ?? "<|mask|>"));
    const id = mask ?? fromTok;
    if (id === undefined) throw new GramfillError("io", `${folder.dir}/config.json has no mask_token_id (and the tokenizer has no mask token)`);
    this.maskTokenId = id;
    this.logitsShifted = folder.config.logits_shifted === true;
    this.maxContext = configNumber(folder.config, "max_position_embeddings", "n_positions");
  }

  static async load(spec: string): Promise<MaskedDiffusionLM> {
    const folder = readModelFolder(spec);
    return new MaskedDiffusionLM(folder, await openSession(folder.onnxPath));
  }

  /** Logits for every position of each (equally long) row. */
  async forward(ids: number[][], attentionMask?: number[][]): Promise<Logits> {
    const B = ids.length;
    const n = ids[0]?.length ?? 0;
    if (B === 0 || n === 0 || ids.some((r) => r.length !== n)) throw new RangeError("rows must be non-empty and equally long");
    if (this.maxContext !== undefined && n > this.maxContext) throw new GramfillError("usage", `sequence of ${n} tokens exceeds the model's ${this.maxContext}`);
    const feeds: Record<string, ort.Tensor> = { input_ids: intTensor(this.inputs.get("input_ids")!.type, ids.flat(), [B, n]) };
    if (this.inputs.has("attention_mask")) {
      const m = attentionMask ? attentionMask.flat() : new Array<number>(B * n).fill(1);
      feeds.attention_mask = intTensor(this.inputs.get("attention_mask")!.type, m, [B, n]);
    }
    let out: ort.InferenceSession.OnnxValueMapType;
    try {
      out = await this.session.run(feeds);
    } catch (e) {
      throw new GramfillError("io", `${this.folder.onnxPath}: forward pass failed: ${(e as Error).message}`);
    }
    const t = out.logits as ort.Tensor;
    return { data: floatData(t), batch: B, seq: n, width: t.dims[2]! };
  }

  /** The logits that predict position `pos` of row `b` (accounts for `logits_shifted`). */
  predictionRow(l: Logits, b: number, pos: number): Float32Array {
    const row = this.logitsShifted ? pos - 1 : pos;
    if (row < 0 || row >= l.seq) throw new RangeError(`no logits predict position ${pos}`);
    const at = (b * l.seq + row) * l.width;
    return l.data.subarray(at, at + l.width);
  }
}
