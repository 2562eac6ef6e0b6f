/**
 * ggml tensor types that whisper.cpp model files use, with their block layout
 * (ggml/src/ggml.c type_traits, ggml-common.h block structs): a tensor of n
 * elements takes n / blockSize * blockBytes bytes.
 */
const TENSOR_TYPES: Record<number, { name: string; blockSize: number; blockBytes: number }> = {
  0: { name: 'f32', blockSize: 1, blockBytes: 4 },
  1: { name: 'f16', blockSize: 1, blockBytes: 2 },
  2: { name: 'q4_0', blockSize: 32, blockBytes: 18 },
  3: { name: 'q4_1', blockSize: 32, blockBytes: 20 },
  6: { name: 'q5_0', blockSize: 32, blockBytes: 22 },
  7: { name: 'q5_1', blockSize: 32, blockBytes: 24 },
  8: { name: 'q8_0', blockSize: 32, blockBytes: 34 },
  9: { name: 'q8_1', blockSize: 32, blockBytes: 36 },
  10: { name: 'q2_k', blockSize: 256, blockBytes: 84 },
  11: { name: 'q3_k', blockSize: 256, blockBytes: 110 },
  12: { name: 'q4_k', blockSize: 256, blockBytes: 144 },
  13: { name: 'q5_k', blockSize: 256, blockBytes: 176 },
  14: { name: 'q6_k', blockSize: 256, blockBytes: 210 },
  15: { name: 'q8_k', blockSize: 256, blockBytes: 292 },
  24: { name: 'i8', blockSize: 1, blockBytes: 1 },
  25: { name: 'i16', blockSize: 1, blockBytes: 2 },
  26: { name: 'i32', blockSize: 1, blockBytes: 4 },
  27: { name: 'i64', blockSize: 1, blockBytes: 8 },
  28: { name: 'f64', blockSize: 1, blockBytes: 8 },
  30: { name: 'bf16', blockSize: 1, blockBytes: 2 },
};

/** Bytes of a tensor's data, or null when the type is unknown or the element count does not fill whole blocks. */
export function tensorDataBytes(type: number, elements: number): number | null {
  const t = TENSOR_TYPES[type];
  if (!t || elements % t.blockSize !== 0) return null;
  return (elements / t.blockSize) * t.blockBytes;
}

export function tensorTypeName(type: number): string {
  return TENSOR_TYPES[type]?.name ?? `type ${type}`;
}

/** ggml_ftype (the model-wide weight type in the header), ggml.h. */
const FILE_TYPES: Record<number, string> = {
  0: 'f32',
  1: 'f16',
  2: 'q4_0',
  3: 'q4_1',
  4: 'q4_1 (some f16)',
  7: 'q8_0',
  8: 'q5_0',
  9: 'q5_1',
  10: 'q2_k',
  11: 'q3_k',
  12: 'q4_k',
  13: 'q5_k',
  14: 'q6_k',
  24: 'bf16',
};

export function fileTypeName(ftype: number): string {
  return FILE_TYPES[ftype] ?? `ftype ${ftype}`;
}

/** whisper.cpp stores ftype + 1000 * quantization-format version in one int32. */
export const QUANTIZATION_VERSION_FACTOR = 1000;
